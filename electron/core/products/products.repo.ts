import type BetterSqlite3 from 'better-sqlite3';
import type { RemoteProduct } from '../marketplace/connector';

/**
 * Upserts one page of pulled products — the product, its barcodes and every one of its SKUs —
 * with prepared statements (see db/exclusive.ts); must run inside `writeExclusive`. Returns the
 * products the marketplace gave no SKU: stored, but no posting can name them.
 */
export function createProductWriter(sqlite: BetterSqlite3.Database) {
  const upsert = sqlite.prepare(
    `INSERT INTO products (account_id, product_id, sku, offer_id, name, price_minor, currency, is_archived, image_url, raw, synced_at)
     VALUES (@accountId, @productId, @sku, @offerId, @name, @priceMinor, @currency, @isArchived, @imageUrl, @raw, @at)
     ON CONFLICT (account_id, product_id) DO UPDATE SET sku = excluded.sku, offer_id = excluded.offer_id, name = excluded.name,
       price_minor = excluded.price_minor, currency = excluded.currency, is_archived = excluded.is_archived,
       image_url = excluded.image_url, raw = excluded.raw, synced_at = excluded.synced_at`,
  );
  const clearBarcodes = sqlite.prepare(
    'DELETE FROM product_barcodes WHERE account_id = ? AND product_id = ?',
  );
  const addBarcode = sqlite.prepare(
    'INSERT OR IGNORE INTO product_barcodes (account_id, barcode, product_id) VALUES (?, ?, ?)',
  );
  const clearSkus = sqlite.prepare(
    'DELETE FROM product_skus WHERE account_id = ? AND product_id = ?',
  );
  // A SKU names one product; if the marketplace moves it to another card, the newest word wins.
  const addSku = sqlite.prepare(
    `INSERT INTO product_skus (account_id, sku, product_id) VALUES (?, ?, ?)
     ON CONFLICT (account_id, sku) DO UPDATE SET product_id = excluded.product_id`,
  );

  return function writeProducts(accountId: number, products: RemoteProduct[], at: number) {
    for (const product of products) {
      upsert.run({
        accountId,
        productId: product.productId,
        // The first SKU is the one FBS postings carry; storage locations are kept under it.
        sku: product.skus[0] ?? '',
        offerId: product.offerId,
        name: product.name,
        priceMinor: product.priceMinor,
        currency: product.currency,
        isArchived: product.isArchived ? 1 : 0,
        imageUrl: product.imageUrl,
        raw: product.raw,
        at,
      });
      clearBarcodes.run(accountId, product.productId);
      for (const barcode of product.barcodes) addBarcode.run(accountId, barcode, product.productId);
      clearSkus.run(accountId, product.productId);
      for (const sku of product.skus) addSku.run(accountId, sku, product.productId);
    }
    return products.filter((product) => product.skus.length === 0);
  };
}
