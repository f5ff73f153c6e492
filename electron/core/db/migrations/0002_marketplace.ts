// Schema: marketplace accounts, their warehouses, products and postings as last pulled, the
// outbox of local actions still to reach the marketplace, sync cursors and alerts.
import type { Migration } from './index';

export const migration0002: Migration = {
  name: '0002_marketplace',
  sql: `
    CREATE TABLE accounts (
      id INTEGER PRIMARY KEY,
      marketplace TEXT NOT NULL,
      name TEXT NOT NULL,
      base_url TEXT NOT NULL,
      client_id TEXT NOT NULL,
      -- Sealed with the core's secret key (AES-256-GCM); never the key itself.
      api_key_sealed TEXT NOT NULL,
      is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
      credentials_expire_at INTEGER,
      last_pull_at INTEGER,
      last_error TEXT,
      last_error_at INTEGER,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE warehouses (
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      warehouse_id TEXT NOT NULL,
      name TEXT NOT NULL,
      is_rfbs INTEGER NOT NULL CHECK (is_rfbs IN (0, 1)),
      status TEXT NOT NULL,
      raw TEXT NOT NULL,
      PRIMARY KEY (account_id, warehouse_id)
    ) STRICT;

    CREATE TABLE products (
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      product_id TEXT NOT NULL,
      sku TEXT NOT NULL,
      offer_id TEXT NOT NULL,
      name TEXT NOT NULL,
      price_minor INTEGER,
      currency TEXT NOT NULL,
      is_archived INTEGER NOT NULL CHECK (is_archived IN (0, 1)),
      image_url TEXT,
      raw TEXT NOT NULL,
      synced_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, product_id)
    ) STRICT;
    CREATE INDEX products_sku_idx ON products (account_id, sku);
    CREATE INDEX products_offer_id_idx ON products (account_id, offer_id);

    CREATE TABLE product_barcodes (
      account_id INTEGER NOT NULL,
      barcode TEXT NOT NULL,
      product_id TEXT NOT NULL,
      PRIMARY KEY (barcode, account_id, product_id),
      FOREIGN KEY (account_id, product_id) REFERENCES products (account_id, product_id)
    ) STRICT;

    CREATE TABLE postings (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      posting_number TEXT NOT NULL,
      order_number TEXT NOT NULL,
      order_id TEXT NOT NULL,
      status TEXT NOT NULL,
      marketplace_status TEXT NOT NULL,
      marketplace_substatus TEXT NOT NULL,
      -- When the order came in; 0 when the marketplace did not say. Not null so that the
      -- Orders list pages by (in_process_at, id) straight off the index.
      in_process_at INTEGER NOT NULL,
      shipment_date INTEGER,
      changed_at INTEGER,
      warehouse_id TEXT,
      delivery_method TEXT,
      tracking_number TEXT NOT NULL,
      cancel_reason TEXT,
      item_count INTEGER NOT NULL,
      -- Local work not yet confirmed by the marketplace: none, shipping (ship queued), cancelling.
      local_state TEXT NOT NULL DEFAULT 'none',
      raw TEXT NOT NULL,
      synced_at INTEGER NOT NULL,
      UNIQUE (account_id, posting_number)
    ) STRICT;
    CREATE INDEX postings_posting_number_idx ON postings (posting_number);
    CREATE INDEX postings_order_number_idx ON postings (order_number);
    CREATE INDEX postings_in_process_at_idx ON postings (in_process_at DESC, id DESC);
    CREATE INDEX postings_status_idx ON postings (status, in_process_at DESC, id DESC);

    CREATE TABLE posting_items (
      posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
      line INTEGER NOT NULL,
      sku TEXT NOT NULL,
      offer_id TEXT NOT NULL,
      name TEXT NOT NULL,
      quantity INTEGER NOT NULL,
      price_minor INTEGER NOT NULL,
      currency TEXT NOT NULL,
      PRIMARY KEY (posting_id, line)
    ) STRICT;
    CREATE INDEX posting_items_sku_idx ON posting_items (sku);

    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      -- Stable across retries and restarts; the marketplace never sees an action twice under
      -- two keys, and the same local intent is never queued twice.
      idempotency_key TEXT NOT NULL UNIQUE,
      action TEXT NOT NULL,
      -- Actions on one subject (a posting, a stock pair) are pushed strictly in order.
      subject TEXT NOT NULL,
      payload TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'verifying', 'uncertain', 'done', 'rejected', 'discarded')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      last_error_kind TEXT,
      created_at INTEGER NOT NULL,
      created_by INTEGER REFERENCES users (id),
      finished_at INTEGER
    ) STRICT;
    CREATE INDEX outbox_open_idx ON outbox (account_id, state, next_attempt_at);
    CREATE INDEX outbox_subject_idx ON outbox (account_id, subject, id);

    CREATE TABLE sync_cursors (
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      resource TEXT NOT NULL,
      value TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, resource)
    ) STRICT;

    CREATE TABLE alerts (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      posting_number TEXT NOT NULL,
      kind TEXT NOT NULL,
      message TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      resolved_at INTEGER,
      resolved_by INTEGER REFERENCES users (id)
    ) STRICT;
    CREATE INDEX alerts_open_idx ON alerts (posting_number) WHERE resolved_at IS NULL;
  `,
};
