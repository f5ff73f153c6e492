// Schema: the packing counter's local data — storage locations of products, pick lists, pack
// sessions with their scan log, and dispatch batches; plus an index on the marketplace label
// barcode inside the stored posting. Schema only, no data moved.
import type { Migration } from './index';

export const migration0004: Migration = {
  name: '0004_counter',
  sql: `
    -- Where a product lies in this warehouse; local knowledge the marketplace does not have.
    CREATE TABLE product_locations (
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      sku TEXT NOT NULL,
      location TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, sku)
    ) STRICT;

    CREATE TABLE pick_lists (
      id INTEGER PRIMARY KEY,
      created_at INTEGER NOT NULL,
      created_by INTEGER REFERENCES users (id),
      -- The criteria it was made with, as JSON, so a printed list can say what it covers.
      criteria TEXT NOT NULL
    ) STRICT;
    CREATE INDEX pick_lists_created_at_idx ON pick_lists (created_at DESC, id DESC);

    CREATE TABLE pick_list_postings (
      pick_list_id INTEGER NOT NULL REFERENCES pick_lists (id),
      posting_id INTEGER NOT NULL REFERENCES postings (id),
      position INTEGER NOT NULL,
      PRIMARY KEY (pick_list_id, posting_id)
    ) STRICT;
    CREATE INDEX pick_list_postings_posting_idx ON pick_list_postings (posting_id);

    -- Kept as made: the list a picker walked stays the same even if a posting changes later.
    CREATE TABLE pick_list_lines (
      pick_list_id INTEGER NOT NULL REFERENCES pick_lists (id),
      position INTEGER NOT NULL,
      sku TEXT NOT NULL,
      offer_id TEXT NOT NULL,
      name TEXT NOT NULL,
      location TEXT,
      quantity INTEGER NOT NULL,
      postings INTEGER NOT NULL,
      PRIMARY KEY (pick_list_id, position)
    ) STRICT;

    -- One row per posting being packed. Set aside (skipped) and picked up again it stays the
    -- same row, so its ticks are kept; once completed it is the record of who packed it where.
    CREATE TABLE pack_sessions (
      id INTEGER PRIMARY KEY,
      posting_id INTEGER NOT NULL REFERENCES postings (id),
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      -- The signed-in station session holding it open, or that last held it.
      station_session_id INTEGER NOT NULL REFERENCES sessions (id),
      origin TEXT NOT NULL,
      opened_by INTEGER NOT NULL REFERENCES users (id),
      completed_by INTEGER REFERENCES users (id),
      state TEXT NOT NULL CHECK (state IN ('open', 'completed', 'skipped')),
      started_at INTEGER NOT NULL,
      -- When it was last (re)opened; active_ms adds up the time it was open, for time per order.
      resumed_at INTEGER NOT NULL,
      active_ms INTEGER NOT NULL DEFAULT 0,
      completed_at INTEGER,
      CHECK ((state = 'completed') = (completed_at IS NOT NULL))
    ) STRICT;
    CREATE UNIQUE INDEX pack_sessions_station_idx ON pack_sessions (station_session_id) WHERE state = 'open';
    -- At most one unfinished and one completed attempt per posting.
    CREATE UNIQUE INDEX pack_sessions_unfinished_idx ON pack_sessions (posting_id) WHERE state <> 'completed';
    CREATE UNIQUE INDEX pack_sessions_completed_idx ON pack_sessions (posting_id) WHERE state = 'completed';
    CREATE INDEX pack_sessions_completed_at_idx ON pack_sessions (completed_at) WHERE state = 'completed';

    -- Every scan at the counter, good or bad: undo and the counter statistics read it.
    CREATE TABLE pack_scans (
      id INTEGER PRIMARY KEY,
      -- The posting open when it was scanned (or the one it opened); null when none was.
      pack_session_id INTEGER REFERENCES pack_sessions (id),
      station_session_id INTEGER REFERENCES sessions (id),
      user_id INTEGER NOT NULL REFERENCES users (id),
      at INTEGER NOT NULL,
      code TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('keyboard', 'serial', 'screen')),
      kind TEXT NOT NULL,
      verdict TEXT NOT NULL,
      sku TEXT,
      package_index INTEGER,
      is_undone INTEGER NOT NULL DEFAULT 0 CHECK (is_undone IN (0, 1))
    ) STRICT;
    CREATE INDEX pack_scans_session_idx ON pack_scans (pack_session_id, id);
    CREATE INDEX pack_scans_user_at_idx ON pack_scans (user_id, at);

    CREATE TABLE dispatch_batches (
      id INTEGER PRIMARY KEY,
      carrier TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
      created_at INTEGER NOT NULL,
      created_by INTEGER REFERENCES users (id),
      closed_at INTEGER,
      closed_by INTEGER REFERENCES users (id),
      CHECK ((state = 'closed') = (closed_at IS NOT NULL))
    ) STRICT;
    CREATE UNIQUE INDEX dispatch_batches_open_idx ON dispatch_batches (carrier) WHERE state = 'open';
    CREATE INDEX dispatch_batches_created_at_idx ON dispatch_batches (created_at DESC, id DESC);

    CREATE TABLE dispatch_packages (
      batch_id INTEGER NOT NULL REFERENCES dispatch_batches (id),
      posting_id INTEGER NOT NULL REFERENCES postings (id),
      package_index INTEGER NOT NULL CHECK (package_index >= 1),
      scanned_at INTEGER NOT NULL,
      scanned_by INTEGER REFERENCES users (id),
      PRIMARY KEY (batch_id, posting_id, package_index)
    ) STRICT;
    -- A package is handed over once, in one batch.
    CREATE UNIQUE INDEX dispatch_packages_package_idx ON dispatch_packages (posting_id, package_index);

    -- What a pick list draws from: waiting to be packed, oldest shipment first.
    CREATE INDEX postings_to_pack_idx ON postings (shipment_date, id)
      WHERE status = 'to_pack' AND local_state = 'none';

    -- The barcode on the marketplace's shipping label (Ozon: barcodes.upper_barcode and
    -- lower_barcode) lives in the stored payload; indexed where it is, so the sync code that
    -- writes postings needs no change and a scan of the label finds the posting at once.
    CREATE INDEX postings_upper_barcode_idx ON postings (
      (CASE WHEN json_valid(raw) THEN json_extract(raw, '$.barcodes.upper_barcode') END)
    );
    CREATE INDEX postings_lower_barcode_idx ON postings (
      (CASE WHEN json_valid(raw) THEN json_extract(raw, '$.barcodes.lower_barcode') END)
    );
  `,
};
