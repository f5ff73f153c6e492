import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSyncFixture, type SyncFixture } from '../support/sync-fixture';

/**
 * Stock levels go out in batches of up to 100 items per call; Ozon answers HTTP 200 and says per
 * item whether it applied. The sandbox refuses the whole call with 400 if it breaks Ozon's
 * schema (the required `product_id`), so these also prove what the push sends.
 */
let fx: SyncFixture;
beforeEach(async () => {
  fx = await createSyncFixture(11);
  await fx.sync();
});
afterEach(() => fx.dispose());

async function products(archived: boolean, limit: number) {
  return fx.core.services.db
    .selectFrom('products')
    .select(['offer_id', 'product_id'])
    .where('account_id', '=', fx.accountId)
    .where('is_archived', '=', archived ? 1 : 0)
    .orderBy('offer_id')
    .limit(limit)
    .execute();
}

describe('stock push', () => {
  it('one item refused inside HTTP 200 fails alone, with its error shown; the rest apply', async () => {
    const live = await products(false, 2);
    const [archived] = await products(true, 1);
    const [warehouse] = await fx.core.services.db
      .selectFrom('warehouses')
      .select('warehouse_id')
      .execute();
    expect(live).toHaveLength(2);
    expect(archived).toBeDefined();
    for (const [i, product] of [...live, archived!].entries()) {
      await fx.call(
        'products.setStock',
        {
          accountId: fx.accountId,
          offerId: product.offer_id,
          warehouseId: warehouse!.warehouse_id,
          stock: 10 + i,
        },
        fx.token,
      );
    }
    await fx.core.sync.pushNow(fx.accountId);

    const effects = fx.sandbox.control.effects().stocks;
    for (const product of live) {
      expect(effects[`${warehouse!.warehouse_id}/${product.offer_id}`]).toBe(1);
    }
    expect(effects[`${warehouse!.warehouse_id}/${archived!.offer_id}`]).toBeUndefined();
    const open = await fx.call('outbox.list', {}, fx.token);
    expect(open).toEqual([
      expect.objectContaining({
        action: 'stock',
        subject: `stock:${archived!.offer_id}@${warehouse!.warehouse_id}`,
        state: 'rejected',
        lastErrorKind: 'rejected',
        lastError: 'Product is archived',
      }),
    ]);
    const [account] = await fx.call('accounts.list', {}, fx.token);
    expect(account?.sync).toMatchObject({ open: 1, rejected: 1 });
  });

  it('a stock level for an offer the store does not have is refused at once, not queued', async () => {
    await expect(
      fx.call(
        'products.setStock',
        { accountId: fx.accountId, offerId: 'NO-SUCH-OFFER', warehouseId: '1', stock: 1 },
        fx.token,
      ),
    ).rejects.toThrow(/not_found/);
    expect(await fx.call('outbox.list', {}, fx.token)).toEqual([]);
  });
});
