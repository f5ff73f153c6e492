import BetterSqlite3 from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, tempDir } from '../support/core-fixture';
import { api, createShopOverHttp, startStationProcess } from '../support/station-process';

const dataDir = tempDir('packdesk-crash-');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * What happens after a crash: the station is SIGKILLed in the middle of a burst of writes, three
 * times. After each restart the database must pass integrity_check, every write the station had
 * acknowledged must be there, and every transaction must be whole: each user change has its
 * audit entry and no audit entry describes a change that is not in the table.
 */
describe('station killed during a burst of writes', () => {
  it('keeps every acknowledged write and only whole transactions', async () => {
    let station = await startStationProcess(dataDir);
    const admin = await createShopOverHttp(station);
    const user = (
      await api(
        station.url,
        'users.create',
        { username: 'burst', displayName: 'n-0', role: 'staff', password: 'burst-password' },
        admin,
      )
    ).body.data as { id: number };
    const acknowledged = new Set<string>();
    let serial = 0;
    let interrupted = 0;

    for (let round = 0; round < 3; round++) {
      const killAfter = 40 + Math.floor(Math.random() * 120);
      let stop = false;
      const writer = async () => {
        while (!stop) {
          const name = `n-${++serial}`;
          const reply = await api(
            station.url,
            'users.update',
            { userId: user.id, displayName: name },
            admin,
          ).catch(() => null);
          if (reply?.body.ok) acknowledged.add(name);
          else interrupted++;
        }
      };
      // Four writers keep requests in flight at the moment of the kill.
      const writers = [writer(), writer(), writer(), writer()];
      await expect
        .poll(() => acknowledged.size >= killAfter * (round + 1), { timeout: 60_000 })
        .toBe(true);
      await station.kill();
      stop = true;
      await Promise.all(writers);

      station = await startStationProcess(dataDir);
      const sqlite = new BetterSqlite3(join(dataDir, 'shop.sqlite'), { readonly: true });
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const row = sqlite.prepare('SELECT display_name FROM users WHERE id = ?').get(user.id) as {
        display_name: string;
      };
      const audited = (
        sqlite
          .prepare(
            "SELECT detail FROM audit_log WHERE method = 'users.update' AND outcome = 'ok' ORDER BY id",
          )
          .all() as { detail: string }[]
      ).map((entry) => (JSON.parse(entry.detail) as { displayName: string }).displayName);
      sqlite.close();

      for (const name of acknowledged) expect(audited).toContain(name);
      // The row holds exactly what the last committed transaction wrote.
      expect(row.display_name).toBe(audited.at(-1));
      expect(new Set(audited).size).toBe(audited.length);
    }

    // The kills really landed mid-write: some requests were cut off without an answer.
    expect(interrupted).toBeGreaterThan(0);
    console.log(
      `crash test: ${acknowledged.size} acknowledged writes, ${interrupted} cut off or refused around 3 kills`,
    );

    // And the station is fully usable after the last restart.
    const relogin = await api(station.url, 'auth.login', {
      username: 'admin',
      password: ADMIN.password,
    });
    expect(relogin.body.ok).toBe(true);
    await station.stop();
  });
});
