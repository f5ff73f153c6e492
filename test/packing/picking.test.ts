import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLocation } from '../../electron/core/accounts/demo-locations';
import { WAREHOUSES } from '../../electron/core/sandbox/seed-data';
import { createCoreFixture, setUpShop } from '../support/core-fixture';
import { createCounterFixture, type CounterFixture } from './counter-fixture';

/** Pick lists from postings pulled from the sandbox marketplace, on a real SQLite file. */
describe('pick lists', () => {
  let fx: CounterFixture;

  beforeAll(async () => {
    fx = await createCounterFixture(51, 40);
  }, 60_000);
  afterAll(() => fx.dispose());

  it('sums the oldest postings by product and sorts the lines for one walk', async () => {
    const db = fx.core.services.db;
    const waiting = await db
      .selectFrom('postings')
      .select(['id', 'posting_number', 'shipment_date'])
      .where('status', '=', 'to_pack')
      .where('local_state', '=', 'none')
      .orderBy('shipment_date')
      .orderBy('id')
      .execute();
    // One posting is already packed here: it is not picked again.
    const packedNumber = waiting[0]!.posting_number;
    const packed = (await fx.toPack()).find((p) => p.postingNumber === packedNumber)!;
    await fx.packAll(packed);
    expect((await fx.command('complete')).verdict).toBe('completed');
    const expected = waiting.slice(1, 11);

    // Shelves: numbers compare as numbers (A-2 before A-10); products without one come last.
    const items = await db
      .selectFrom('posting_items')
      .select(['posting_id', 'sku', 'name', 'quantity'])
      .where(
        'posting_id',
        'in',
        expected.map((p) => p.id),
      )
      .execute();
    const skus = [...new Set(items.map((i) => i.sku))];
    const shelves = ['B-10-1', 'A-2-1', 'A-10-3', 'b-1-1'];
    await db
      .insertInto('product_locations')
      .values(
        skus.slice(0, shelves.length).map((sku, i) => ({
          account_id: fx.accountId,
          sku,
          location: shelves[i]!,
          updated_at: 0,
        })),
      )
      .execute();

    const list = await fx.call('picking.create', { limit: 10 }, fx.token);
    expect(list.postingNumbers).toEqual(expected.map((p) => p.posting_number));
    expect(list.createdBy).toBe('Anna Admin');

    const sums = new Map<string, { quantity: number; postings: Set<number> }>();
    for (const item of items) {
      const sum = sums.get(item.sku) ?? { quantity: 0, postings: new Set<number>() };
      sum.quantity += item.quantity;
      sum.postings.add(item.posting_id);
      sums.set(item.sku, sum);
    }
    expect(list.lines).toHaveLength(sums.size);
    for (const line of list.lines) {
      expect(line.quantity).toBe(sums.get(line.sku)?.quantity);
      expect(line.postings).toBe(sums.get(line.sku)?.postings.size);
    }
    const located = list.lines.filter((l) => l.location !== null).map((l) => l.location);
    expect(located).toEqual(['A-2-1', 'A-10-3', 'b-1-1', 'B-10-1'].slice(0, located.length));
    const unlocated = list.lines.filter((l) => l.location === null);
    expect(list.lines.slice(-unlocated.length)).toEqual(unlocated);
    const names = unlocated.map((l) => l.name);
    expect(names).toEqual(
      [...names].sort(new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare),
    );

    // Kept as made, listed newest first.
    expect(await fx.call('picking.get', { pickListId: list.id }, fx.token)).toEqual(list);
    const [summary] = await fx.call('picking.list', {}, fx.token);
    expect(summary).toMatchObject({
      id: list.id,
      postings: 10,
      units: items.reduce((s, i) => s + i.quantity, 0),
    });
    expect((await fx.fail('picking.get', { pickListId: 999 }, fx.token)).code).toBe('not_found');
  });

  it('filters by shipment date and warehouse', async () => {
    const db = fx.core.services.db;
    const rows = await db
      .selectFrom('postings')
      .select(['shipment_date', 'warehouse_id'])
      .where('status', '=', 'to_pack')
      .where('local_state', '=', 'none')
      .orderBy('shipment_date')
      .execute();
    const cut = rows[Math.floor(rows.length / 2)]!.shipment_date!;
    const early = await fx.call('picking.create', { shipmentBefore: cut, limit: 500 }, fx.token);
    expect(early.postingNumbers.length).toBeGreaterThan(0);
    const dates = await db
      .selectFrom('postings')
      .select('shipment_date')
      .where('posting_number', 'in', early.postingNumbers)
      .execute();
    expect(dates.every((d) => d.shipment_date! <= cut)).toBe(true);

    const warehouse = rows[0]!.warehouse_id!;
    const here = await fx.call('picking.create', { warehouseId: warehouse, limit: 500 }, fx.token);
    const inWarehouse = rows.filter((r) => r.warehouse_id === warehouse).length;
    expect(here.postingNumbers.length).toBeLessThanOrEqual(inWarehouse);
    expect(here.postingNumbers.length).toBeGreaterThan(0);
    const none = await fx.call('picking.create', { warehouseId: 'no-such', limit: 5 }, fx.token);
    expect(none).toMatchObject({ postingNumbers: [], lines: [] });
  });

  it('offers the synced warehouses by name, and a list for one holds only its postings', async () => {
    const warehouses = await fx.call('accounts.warehouses', {}, fx.token);
    // Exactly what the sandbox marketplace serves on /v2/warehouse/list, pulled by the sync.
    expect(warehouses).toHaveLength(WAREHOUSES.length);
    expect(new Set(warehouses.map((w) => w.warehouseId))).toEqual(
      new Set(WAREHOUSES.map((w) => w.id)),
    );
    for (const w of warehouses) {
      const served = WAREHOUSES.find((s) => s.id === w.warehouseId)!;
      expect(w).toEqual({
        accountId: fx.accountId,
        accountName: 'Sandbox',
        warehouseId: served.id,
        name: served.name,
        isRfbs: served.isRfbs,
        status: 'created',
      });
    }
    // Sorted by name within the account, for the dropdown.
    const names = warehouses.map((w) => w.name);
    expect(names).toEqual([...names].sort());

    // The warehouse with the most waiting postings, so the filter has something to leave out.
    const db = fx.core.services.db;
    const counts = await db
      .selectFrom('postings')
      .select(['warehouse_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'to_pack')
      .where('local_state', '=', 'none')
      .groupBy('warehouse_id')
      .orderBy('n', 'desc')
      .execute();
    expect(counts.length).toBeGreaterThan(1);
    const chosen = warehouses.find((w) => w.warehouseId === counts[0]!.warehouse_id)!;
    const list = await fx.call(
      'picking.create',
      { warehouseId: chosen.warehouseId, limit: 500 },
      fx.token,
    );
    expect(list.postingNumbers.length).toBeGreaterThan(0);
    const picked = await db
      .selectFrom('postings')
      .select('warehouse_id')
      .where('posting_number', 'in', list.postingNumbers)
      .execute();
    expect(picked).toHaveLength(list.postingNumbers.length);
    expect(picked.every((p) => p.warehouse_id === chosen.warehouseId)).toBe(true);
    const all = await fx.call('picking.create', { limit: 500 }, fx.token);
    expect(all.postingNumbers.length).toBeGreaterThan(list.postingNumbers.length);

    // Couriers do not work at the counter.
    await fx.call(
      'users.create',
      {
        username: 'cora',
        displayName: 'Cora Courier',
        role: 'courier',
        password: 'courier pass 1',
      },
      fx.token,
    );
    const courier = (await fx.call('auth.login', { username: 'cora', password: 'courier pass 1' }))
      .token;
    expect((await fx.fail('accounts.warehouses', {}, courier)).code).toBe('forbidden');
  });
});

describe('Demo store shelves', () => {
  it('gives every Demo product a stable shelf once the catalogue is pulled', async () => {
    const fx = await createCoreFixture();
    try {
      const token = await setUpShop(fx);
      const account = await fx.call('accounts.connectDemo', {}, token);
      const db = fx.core.services.db;
      const deadline = Date.now() + 20_000;
      let placed: { sku: string; location: string }[] = [];
      let products = 0;
      while (Date.now() < deadline) {
        products = (
          await db
            .selectFrom('products')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('account_id', '=', account.id)
            .executeTakeFirstOrThrow()
        ).n;
        placed = await db
          .selectFrom('product_locations')
          .select(['sku', 'location'])
          .where('account_id', '=', account.id)
          .execute();
        if (products > 0 && placed.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(products).toBeGreaterThan(0);
      expect(placed.length).toBe(products);
      for (const { sku, location } of placed) {
        expect(location).toMatch(/^[A-F]-\d{2}-[1-4]$/);
        expect(location).toBe(demoLocation(sku));
      }
      expect(new Set(placed.map((p) => p.location.slice(0, 1))).size).toBeGreaterThan(3);
    } finally {
      await fx.dispose();
    }
  });
});
