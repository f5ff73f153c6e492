import BetterSqlite3 from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index';
import { tempDir } from '../support/core-fixture';
import {
  api,
  createShopOverHttp,
  startStationProcess,
  type StationProcess,
} from '../support/station-process';

const KILLS = Number(process.env.OUTBOX_KILLS ?? 50);
const dataDir = tempDir('packdesk-outbox-crash-');
let sandbox: Sandbox | null = null;
afterAll(async () => {
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The process pushing the outbox (the station, whose sync engine runs on its own schedule) is
 * SIGKILLed at random moments while it ships postings and pushes stock to the sandbox, which
 * lives in this test process and so remembers every call. After the last restart the queue
 * drains: nothing lost, nothing sent twice, and the database is intact.
 */
describe(`outbox pusher killed ${KILLS} times`, () => {
  it('loses no action, repeats no side effect and keeps the database intact', async () => {
    sandbox = await startSandbox({ port: 0, seed: 99, clock: 'real' });
    sandbox.control.generatePostings(120, { status: 'awaiting_packaging', spanMs: 60 * 60_000 });
    let station: StationProcess = await startStationProcess(dataDir);
    const admin = await createShopOverHttp(station);
    const account = await api(
      station.url,
      'accounts.connectOzon',
      { name: 'Sandbox', clientId: sandbox.clientId, apiKey: sandbox.apiKey, baseUrl: sandbox.url },
      admin,
    );
    expect(account.body.ok).toBe(true);
    const accountId = account.body.data.id as number;
    await api(station.url, 'accounts.syncNow', { accountId }, admin);
    const toPack = (
      await api(station.url, 'postings.search', { status: 'to_pack', limit: 500 }, admin)
    ).body.data.items as { postingNumber: string }[];
    expect(toPack.length).toBeGreaterThanOrEqual(100);
    for (const posting of toPack) {
      expect(
        (await api(station.url, 'postings.ship', { postingNumber: posting.postingNumber }, admin))
          .body.ok,
      ).toBe(true);
    }

    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(100 + Math.floor(Math.random() * 1400));
      await station.kill();
      station = await startStationProcess(dataDir);
    }

    // Let the last station finish the queue.
    let open = Infinity;
    for (let i = 0; i < 240 && open > 0; i++) {
      await sleep(500);
      const [status] = (await api(station.url, 'accounts.list', {}, admin)).body.data as {
        sync: { open: number };
      }[];
      open = status?.sync.open ?? Infinity;
    }
    await station.stop();

    const sqlite = new BetterSqlite3(join(dataDir, 'shop.sqlite'), { readonly: true });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const actions = sqlite
      .prepare("SELECT action, state, payload FROM outbox WHERE action = 'ship'")
      .all() as {
      action: string;
      state: string;
      payload: string;
    }[];
    sqlite.close();
    expect(actions).toHaveLength(toPack.length);
    expect(actions.every((action) => action.state === 'done')).toBe(true);
    const effects = sandbox.control.effects();
    for (const posting of toPack) expect(effects.postings[posting.postingNumber]?.ship).toBe(1);
    console.log(
      `outbox crash test: ${KILLS} kills, ${actions.length} ships each applied exactly once`,
    );
  }, 600_000);
});
