// Schema and data: every SKU a marketplace gives a product (Ozon lists pre-2023 cards' separate
// FBO and FBS SKUs only in `sources[]`), so a posting resolves to its product by any of them;
// stock levels queued before this version gain the product id the stock call now sends.
import type { Migration } from './index';

export const migration0007: Migration = {
  name: '0007_product_skus',
  sql: `
    CREATE TABLE product_skus (
      account_id INTEGER NOT NULL,
      sku TEXT NOT NULL,
      product_id TEXT NOT NULL,
      -- Within an account a SKU names one product.
      PRIMARY KEY (account_id, sku),
      FOREIGN KEY (account_id, product_id) REFERENCES products (account_id, product_id)
    ) STRICT;
    CREATE INDEX product_skus_product_idx ON product_skus (account_id, product_id);

    INSERT INTO product_skus (account_id, sku, product_id)
      SELECT account_id, sku, product_id FROM products WHERE sku <> ''
      ON CONFLICT DO NOTHING;

    -- An offer the catalogue does not know keeps no product id; the push then refuses that
    -- one item with the reason, for a person to see.
    UPDATE outbox SET payload = json_set(payload, '$.productId', (
        SELECT p.product_id FROM products p
        WHERE p.account_id = outbox.account_id AND p.offer_id = json_extract(outbox.payload, '$.offerId')
        ORDER BY p.product_id LIMIT 1))
      WHERE action = 'stock'
        AND state IN ('pending', 'in_flight', 'verifying', 'uncertain', 'rejected')
        AND json_extract(payload, '$.productId') IS NULL
        AND EXISTS (
          SELECT 1 FROM products p
          WHERE p.account_id = outbox.account_id AND p.offer_id = json_extract(outbox.payload, '$.offerId'));
  `,
};
