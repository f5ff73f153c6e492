import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract/events';
import type { Account } from '../../shared/schemas/sync.schema';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index';
import type { LoggedRequest } from '../../electron/core/sandbox/request-log';
import { createCoreFixture, setUpShop, type CoreFixture } from '../support/core-fixture';

const ROLES = '/v1/roles';
const WAREHOUSES = '/v2/warehouse/list';
const PRODUCT_LIST = '/v3/product/list';
const PRODUCT_INFO = '/v3/product/info/list';
const POSTINGS = '/v4/posting/fbs/list';

let fx: CoreFixture;
let sandbox: Sandbox;
afterEach(async () => {
  await fx.dispose();
  await sandbox.close();
});

/**
 * A store connected while the engine is off, so its first sync starts only after the sandbox
 * answers the first call of every method with a 429 (Retry-After: 1).
 */
async function connectUnder429s() {
  fx = await createCoreFixture();
  const token = await setUpShop(fx);
  sandbox = await startSandbox({ port: 0, seed: 7, clock: 'manual', startAt: fx.clock.now });
  await fx.core.sync.stop();
  const account = await fx.call(
    'accounts.connectOzon',
    { name: 'Sandbox', clientId: sandbox.clientId, apiKey: sandbox.apiKey, baseUrl: sandbox.url },
    token,
  );
  sandbox.control.setFaults([
    { path: '*', kind: 'rate_limit', count: 1, perPath: true, retryAfterSeconds: 1 },
  ]);
  // The credentials check of `connectOzon` came before the faults; the log starts after it.
  const logStart = sandbox.control.requests().length;
  return { token, accountId: account.id, log: () => sandbox.control.requests().slice(logStart) };
}

const firstIndex = (log: LoggedRequest[], path: string, status: number) =>
  log.findIndex((entry) => entry.path === path && entry.status === status);

describe('a first sync that meets one 429 per method', () => {
  it('lets the other resources go on while one waits, and fetches the waiting one after its wait', async () => {
    const { token, accountId, log } = await connectUnder429s();
    // Every sync status published while the first sync runs, as the Sync page would read it.
    const seen: Promise<Account[]>[] = [];
    const unsubscribe = fx.core.services.events.subscribe((event: AppEvent) => {
      if (event.name === 'sync.changed') seen.push(fx.call('accounts.list', {}, token));
    });
    await fx.core.sync.start(60 * 60_000);
    await fx.core.sync.syncNow(accountId);
    unsubscribe();
    const requests = log();

    // Each method was answered 429 once, and fetched again after its wait.
    const methods = [...new Set(requests.map((entry) => entry.path))];
    expect(methods).toEqual(
      expect.arrayContaining([ROLES, WAREHOUSES, PRODUCT_LIST, PRODUCT_INFO, POSTINGS]),
    );
    for (const path of methods) {
      const limited = firstIndex(requests, path, 429);
      expect(limited, `${path} answered 429`).toBeGreaterThanOrEqual(0);
      expect(firstIndex(requests, path, 200), `${path} fetched after its wait`).toBeGreaterThan(
        limited,
      );
      expect(requests.filter((entry) => entry.path === path && entry.status === 429)).toHaveLength(
        1,
      );
    }
    // Products met two 429s (list, then info); from its first until it was fetched, the
    // credentials, the warehouses and the postings were fetched: nobody waited for it.
    const productsLimited = firstIndex(requests, PRODUCT_LIST, 429);
    const productsFetched = firstIndex(requests, PRODUCT_INFO, 200);
    for (const other of [ROLES, WAREHOUSES, POSTINGS]) {
      const fetched = firstIndex(requests, other, 200);
      expect(fetched, `${other} fetched while products waited`).toBeGreaterThan(productsLimited);
      expect(fetched, `${other} fetched while products waited`).toBeLessThan(productsFetched);
    }

    // The cycle was not aborted: everything arrived, nothing waits, no error stays.
    const db = fx.core.services.db;
    const count = async (table: 'postings' | 'products' | 'warehouses') =>
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    expect(await count('postings')).toBeGreaterThan(10);
    expect(await count('products')).toBeGreaterThan(100);
    expect(await count('warehouses')).toBeGreaterThan(0);
    const [account] = await fx.call('accounts.list', {}, token);
    expect(account?.sync).toMatchObject({ connection: 'online', lastError: null, waiting: [] });
    expect(account?.sync.lastPullAt).not.toBeNull();

    // While products waited out its 429, sync status said so (never silently off).
    const statuses = (await Promise.all(seen)).flatMap((accounts) => accounts);
    expect(statuses.flatMap((a) => a.sync.waiting)).toContainEqual(
      expect.objectContaining({ resource: 'products', errorKind: 'rate_limited' }),
    );
  });
});
