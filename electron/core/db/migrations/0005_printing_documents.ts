// Schema: OS printers (transport `os`, language `pdf`, a queue name), which label a printer
// prints on completion and whether a receipt printer adds a packing slip; and the cache of
// marketplace label PDFs. The printers table is rebuilt to widen its CHECKs; rows are copied.
import type { Migration } from './index';

export const migration0005: Migration = {
  name: '0005_printing_documents',
  // SQLite cannot change a CHECK in place, and `PRAGMA foreign_keys = OFF` has no effect inside
  // the migration's transaction: so print_jobs' references are deferred to the commit, the old
  // table dropped and the new one filled under the same name before it.
  sql: `
    PRAGMA defer_foreign_keys = ON;
    CREATE TABLE printers_copy AS SELECT * FROM printers;
    DROP TABLE printers;
    CREATE TABLE printers (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      transport TEXT NOT NULL CHECK (transport IN ('tcp', 'device', 'os')),
      host TEXT,
      port INTEGER,
      device_path TEXT,
      os_queue TEXT,
      language TEXT NOT NULL CHECK (language IN ('escpos', 'zpl', 'pdf')),
      paper TEXT NOT NULL,
      dpi INTEGER NOT NULL CHECK (dpi IN (203, 300)),
      code_page TEXT NOT NULL,
      for_labels INTEGER NOT NULL DEFAULT 0 CHECK (for_labels IN (0, 1)),
      for_receipts INTEGER NOT NULL DEFAULT 0 CHECK (for_receipts IN (0, 1)),
      for_pick_lists INTEGER NOT NULL DEFAULT 0 CHECK (for_pick_lists IN (0, 1)),
      reports_status INTEGER NOT NULL DEFAULT 1 CHECK (reports_status IN (0, 1)),
      label_source TEXT NOT NULL DEFAULT 'own' CHECK (label_source IN ('own', 'marketplace')),
      packing_slip_on_complete INTEGER NOT NULL DEFAULT 0
        CHECK (packing_slip_on_complete IN (0, 1)),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      removed_at INTEGER
    ) STRICT;
    INSERT INTO printers (id, name, transport, host, port, device_path, language, paper, dpi,
      code_page, for_labels, for_receipts, for_pick_lists, reports_status, created_at,
      updated_at, removed_at)
    SELECT id, name, transport, host, port, device_path, language, paper, dpi, code_page,
      for_labels, for_receipts, for_pick_lists, reports_status, created_at, updated_at,
      removed_at
    FROM printers_copy;
    DROP TABLE printers_copy;
    CREATE UNIQUE INDEX printers_name_idx ON printers (name) WHERE removed_at IS NULL;

    -- The marketplace's label PDF per posting, fetched as soon as the posting is ready for it
    -- and kept so that a label prints and reprints without the network.
    CREATE TABLE marketplace_labels (
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      posting_number TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'ready', 'failed')),
      pdf BLOB,
      -- The marketplace's label task being waited for, if any.
      task_id TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      fetched_at INTEGER,
      -- Completing the posting asked for this label before it was here: queue it on this
      -- printer for this user as soon as it arrives.
      print_on_arrival_printer_id INTEGER REFERENCES printers (id),
      print_on_arrival_by INTEGER REFERENCES users (id),
      created_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, posting_number),
      CHECK (state <> 'ready' OR pdf IS NOT NULL)
    ) STRICT;
    CREATE INDEX marketplace_labels_due_idx ON marketplace_labels (state, next_attempt_at);
    CREATE INDEX marketplace_labels_posting_idx ON marketplace_labels (posting_number);
  `,
};
