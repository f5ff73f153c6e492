import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSyncFixture, type SyncFixture } from '../support/sync-fixture';

let fx: SyncFixture;
beforeEach(async () => {
  fx = await createSyncFixture();
});
afterEach(() => fx.dispose());

const MINUTE = 60_000;

function db() {
  return new BetterSqlite3(fx.core.databasePath, { readonly: true });
}

async function toPack() {
  const page = await fx.call('postings.search', { status: 'to_pack', limit: 500 }, fx.token);
  return page.items;
}

/** Lets the sandbox apply what it was sent and the engine verify it. */
async function settle(rounds = 10) {
  for (let i = 0; i < rounds; i++) {
    fx.advance(6_000);
    await fx.sync();
  }
}

describe('sync against the sandbox marketplace over HTTP', () => {
  it('pulls every posting, product and warehouse on the first sync, ids and raw payloads intact', async () => {
    await fx.sync();
    const sqlite = db();
    const postings = sqlite
      .prepare('SELECT posting_number, order_id, warehouse_id, raw FROM postings')
      .all() as {
      posting_number: string;
      order_id: string;
      warehouse_id: string;
      raw: string;
    }[];
    const products = sqlite.prepare('SELECT count(*) AS n FROM products').get() as { n: number };
    const barcodes = sqlite.prepare('SELECT barcode FROM product_barcodes').all() as {
      barcode: string;
    }[];
    const warehouses = sqlite.prepare('SELECT warehouse_id FROM warehouses').all() as {
      warehouse_id: string;
    }[];
    sqlite.close();

    expect(postings.length).toBeGreaterThan(10);
    expect(products.n).toBeGreaterThan(100);
    expect(barcodes.every(({ barcode }) => /^\d{13}$/.test(barcode))).toBe(true);
    // Warehouse ids are above 2^53: stored as text, exactly as the marketplace sent them.
    for (const { warehouse_id } of warehouses)
      expect(BigInt(warehouse_id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    for (const posting of postings) {
      const remote = fx.sandbox.control.posting(posting.posting_number);
      expect(remote?.warehouseId).toBe(posting.warehouse_id);
      expect(posting.raw).toContain(posting.posting_number);
      expect(posting.raw).toContain(posting.warehouse_id);
    }
  });

  it('picks up new postings and buyer cancellations on the next sync', async () => {
    await fx.sync();
    const before = (await fx.call('postings.search', { limit: 500 }, fx.token)).items.length;
    const victim = (await toPack())[0];
    expect(victim).toBeDefined();
    fx.sandbox.control.buyerCancel(victim?.postingNumber ?? '');
    fx.advance(60 * MINUTE);
    await fx.sync();
    const after = await fx.call('postings.search', { limit: 500 }, fx.token);
    expect(after.items.length).toBeGreaterThan(before);
    const cancelled = await fx.call(
      'postings.get',
      { postingNumber: victim?.postingNumber ?? '' },
      fx.token,
    );
    expect(cancelled.status).toBe('cancelled');
  });

  it('ships a posting exactly once and confirms it by reading it back', async () => {
    await fx.sync();
    const posting = (await toPack())[0];
    if (!posting) throw new Error('no posting to pack');
    const queued = await fx.call(
      'postings.ship',
      { postingNumber: posting.postingNumber },
      fx.token,
    );
    expect(queued.localState).toBe('shipping');
    expect(queued.actions.map((a) => a.action)).toEqual(['ship']);
    await expect(
      fx.call('postings.ship', { postingNumber: posting.postingNumber }, fx.token),
    ).rejects.toThrow(/invalid_state/);
    await settle();
    const shipped = await fx.call(
      'postings.get',
      { postingNumber: posting.postingNumber },
      fx.token,
    );
    expect(shipped.status).toBe('packed');
    expect(shipped.localState).toBe('none');
    expect(shipped.actions[0]?.state).toBe('done');
    expect(fx.sandbox.control.effects().postings[posting.postingNumber]?.ship).toBe(1);
  });

  it('raises an alert when a packed posting is cancelled by the buyer before the ship reaches the marketplace', async () => {
    await fx.sync();
    const posting = (await toPack())[0];
    if (!posting) throw new Error('no posting to pack');
    fx.sandbox.control.setFaults([
      { path: '/v4/posting/fbs/ship', kind: 'server_error', status: 503, count: 1 },
    ]);
    await fx.call('postings.ship', { postingNumber: posting.postingNumber }, fx.token);
    await fx.sync();
    fx.sandbox.control.buyerCancel(posting.postingNumber);
    await settle();
    const alerts = await fx.call('alerts.list', {}, fx.token);
    expect(alerts.map((a) => [a.postingNumber, a.kind])).toContainEqual([
      posting.postingNumber,
      'cancelled_after_packing',
    ]);
    const actions = await fx.call('outbox.list', {}, fx.token);
    const rejected = actions.find((a) => a.subject === `posting:${posting.postingNumber}`);
    expect(rejected?.state).toBe('rejected');
    expect(rejected?.lastError).toBeTruthy();
    expect(fx.sandbox.control.effects().postings[posting.postingNumber]?.ship ?? 0).toBe(0);
    await fx.call('outbox.discard', { actionId: rejected?.id ?? 0 }, fx.token);
    expect((await fx.call('outbox.list', {}, fx.token)).length).toBe(0);
  });

  it('cancels with a reason and pushes stock levels, with per-item errors kept per item', async () => {
    await fx.sync();
    const posting = (await toPack())[1];
    if (!posting) throw new Error('no posting');
    await fx.call(
      'postings.cancel',
      { postingNumber: posting.postingNumber, reasonId: '352' },
      fx.token,
    );
    const sqlite = db();
    const product = sqlite.prepare('SELECT offer_id FROM products LIMIT 1').get() as {
      offer_id: string;
    };
    // The marketplace refuses this one item inside its HTTP 200: the card is archived.
    const archived = sqlite
      .prepare('SELECT offer_id FROM products WHERE is_archived = 1 LIMIT 1')
      .get() as { offer_id: string };
    const warehouse = sqlite.prepare('SELECT warehouse_id FROM warehouses LIMIT 1').get() as {
      warehouse_id: string;
    };
    sqlite.close();
    await fx.call(
      'products.setStock',
      {
        accountId: fx.accountId,
        offerId: product.offer_id,
        warehouseId: warehouse.warehouse_id,
        stock: 7,
      },
      fx.token,
    );
    await fx.call(
      'products.setStock',
      {
        accountId: fx.accountId,
        offerId: archived.offer_id,
        warehouseId: warehouse.warehouse_id,
        stock: 1,
      },
      fx.token,
    );
    await settle(3);
    expect(
      (await fx.call('postings.get', { postingNumber: posting.postingNumber }, fx.token)).status,
    ).toBe('cancelled');
    const effects = fx.sandbox.control.effects();
    expect(effects.postings[posting.postingNumber]?.cancel).toBe(1);
    expect(effects.stocks[`${warehouse.warehouse_id}/${product.offer_id}`]).toBe(1);
    const open = await fx.call('outbox.list', {}, fx.token);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ action: 'stock', state: 'rejected' });
  });

  it('shows the credentials expiry and warns before it comes', async () => {
    fx.sandbox.control.setCredentialsExpiry(fx.clock.now + 3 * 24 * 60 * MINUTE);
    await fx.sync();
    const [account] = await fx.call('accounts.list', {}, fx.token);
    expect(account?.credentialsExpireAt).toBe(fx.clock.now + 3 * 24 * 60 * MINUTE);
    expect(account?.credentialsWarning).toBe('expiring');
  });
});
