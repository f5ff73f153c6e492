import { describe, expect, it } from 'vitest';
import { createSyncFixture } from '../support/sync-fixture';

/**
 * A shift without the marketplace: hundreds of postings are packed and stock is counted while
 * every request fails. When the marketplace is back, the queue drains in a bounded time, each
 * action exactly once, nothing lost.
 */
describe('offline shift', () => {
  it('queues a shift of actions while unreachable and drains them all when it returns', async () => {
    const fx = await createSyncFixture(11);
    try {
      const SHIPS = 300;
      fx.sandbox.control.generatePostings(SHIPS, {
        status: 'awaiting_packaging',
        spanMs: 60 * 60_000,
      });
      await fx.sync();
      const toPack = (
        await fx.call('postings.search', { status: 'to_pack', limit: 500 }, fx.token)
      ).items.slice(0, SHIPS);
      const db = fx.core.services.db;
      const pairs = await db
        .selectFrom('products')
        .innerJoin('warehouses', 'warehouses.account_id', 'products.account_id')
        .select(['products.offer_id', 'warehouses.warehouse_id'])
        .where('products.is_archived', '=', 0)
        .limit(900)
        .execute();

      // The network goes: every request is cut before it reaches the marketplace.
      fx.sandbox.control.setFaults([{ path: '*', kind: 'reset_before_effect' }]);
      for (const posting of toPack)
        await fx.call('postings.ship', { postingNumber: posting.postingNumber }, fx.token);
      for (const [i, pair] of pairs.entries()) {
        await fx.call(
          'products.setStock',
          {
            accountId: fx.accountId,
            offerId: pair.offer_id,
            warehouseId: pair.warehouse_id,
            stock: i % 50,
          },
          fx.token,
        );
      }
      for (let hour = 0; hour < 8; hour++) {
        fx.advance(60 * 60_000);
        await fx.sync();
      }
      const queued = toPack.length + pairs.length;
      expect(queued).toBeGreaterThan(1000);
      const [offline] = await fx.call('accounts.list', {}, fx.token);
      expect(offline?.sync.connection).toBe('offline');
      expect(offline?.sync.open).toBe(queued);
      expect(Object.keys(fx.sandbox.control.effects().postings)).toHaveLength(0);

      // Back online: drain.
      fx.sandbox.control.clearFaults();
      const started = performance.now();
      for (let round = 0; round < 200; round++) {
        fx.advance(31_000);
        await fx.sync();
        if ((await fx.call('outbox.list', {}, fx.token)).length === 0) break;
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(`offline shift: ${queued} queued actions drained in ${seconds.toFixed(1)} s`);
      expect(await fx.call('outbox.list', {}, fx.token)).toEqual([]);
      const effects = fx.sandbox.control.effects();
      for (const posting of toPack) expect(effects.postings[posting.postingNumber]?.ship).toBe(1);
      expect(Object.values(effects.stocks).every((count) => count === 1)).toBe(true);
      expect(Object.keys(effects.stocks)).toHaveLength(pairs.length);
      // Bounded: the 50 requests/s quota makes ~2 calls per ship (send + read-back) the floor.
      expect(seconds).toBeLessThan(60);
      const [online] = await fx.call('accounts.list', {}, fx.token);
      expect(online?.sync.connection).toBe('online');
    } finally {
      await fx.dispose();
    }
  }, 120_000);
});
