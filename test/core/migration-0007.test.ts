import BetterSqlite3 from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';
import { tempDir } from '../support/core-fixture';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A database as the release before 0007 left it, with a product catalogue and queued stock. */
function before0007() {
  const dir = tempDir();
  dirs.push(dir);
  const file = join(dir, 'shop.sqlite');
  const sqlite = new BetterSqlite3(file);
  migrate(
    sqlite,
    file,
    MIGRATIONS.slice(
      0,
      MIGRATIONS.findIndex((m) => m.name.startsWith('0007')),
    ),
  );
  sqlite
    .prepare(
      "INSERT INTO accounts (id, marketplace, name, base_url, client_id, api_key_sealed, created_at) VALUES (1, 'ozon', 'Shop', 'http://127.0.0.1:9', '1', 'v1.x', 0)",
    )
    .run();
  const product = sqlite.prepare(
    `INSERT INTO products (account_id, product_id, sku, offer_id, name, price_minor, currency, is_archived, image_url, raw, synced_at)
     VALUES (1, ?, ?, ?, 'Thing', NULL, 'RUB', 0, NULL, '{}', 0)`,
  );
  product.run('3397917680', '827098843', 'SK-58');
  product.run('3397917681', '', 'SK-59');
  const stock = sqlite.prepare(
    `INSERT INTO outbox (account_id, idempotency_key, action, subject, payload, state, next_attempt_at, created_at)
     VALUES (1, ?, 'stock', ?, ?, ?, 0, 0)`,
  );
  for (const [key, offerId, state] of [
    ['a', 'SK-58', 'pending'],
    ['b', 'SK-59', 'rejected'],
    ['c', 'GONE-1', 'pending'],
    ['d', 'SK-58', 'done'],
  ] as const) {
    const payload = JSON.stringify({ offerId, warehouseId: '21020005003107121', stock: 4 });
    stock.run(key, `stock:${offerId}@21020005003107121`, payload, state);
  }
  return { sqlite, file };
}

describe('migration 0007 (product SKUs)', () => {
  it('keeps every stored SKU and gives queued stock levels their product id', () => {
    const { sqlite, file } = before0007();
    migrate(sqlite, file);
    expect(sqlite.prepare('SELECT account_id, sku, product_id FROM product_skus').all()).toEqual([
      { account_id: 1, sku: '827098843', product_id: '3397917680' },
    ]);
    const payloads = Object.fromEntries(
      (
        sqlite.prepare('SELECT idempotency_key, payload FROM outbox').all() as {
          idempotency_key: string;
          payload: string;
        }[]
      ).map((row) => [row.idempotency_key, JSON.parse(row.payload)]),
    );
    sqlite.close();
    expect(payloads.a).toEqual({
      offerId: 'SK-58',
      warehouseId: '21020005003107121',
      stock: 4,
      productId: '3397917680',
    });
    // Still open (waiting for a person), so it gains the id too.
    expect(payloads.b.productId).toBe('3397917681');
    // An offer the catalogue no longer has: left without, refused alone when pushed.
    expect(payloads.c.productId).toBeUndefined();
    // Finished actions are history: untouched.
    expect(payloads.d.productId).toBeUndefined();
  });
});
