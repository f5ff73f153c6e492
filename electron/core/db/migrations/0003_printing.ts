// Schema: printers set up at this station and the print queue (every job, its bytes, what
// happened to it and why it was printed again). Schema only, no data moved.
import type { Migration } from './index';

export const migration0003: Migration = {
  name: '0003_printing',
  sql: `
    CREATE TABLE printers (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      transport TEXT NOT NULL CHECK (transport IN ('tcp', 'device')),
      host TEXT,
      port INTEGER,
      device_path TEXT,
      language TEXT NOT NULL CHECK (language IN ('escpos', 'zpl')),
      paper TEXT NOT NULL,
      dpi INTEGER NOT NULL CHECK (dpi IN (203, 300)),
      code_page TEXT NOT NULL,
      for_labels INTEGER NOT NULL DEFAULT 0 CHECK (for_labels IN (0, 1)),
      for_receipts INTEGER NOT NULL DEFAULT 0 CHECK (for_receipts IN (0, 1)),
      for_pick_lists INTEGER NOT NULL DEFAULT 0 CHECK (for_pick_lists IN (0, 1)),
      reports_status INTEGER NOT NULL DEFAULT 1 CHECK (reports_status IN (0, 1)),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      -- Removed printers stay so that their jobs keep naming them.
      removed_at INTEGER
    ) STRICT;
    CREATE UNIQUE INDEX printers_name_idx ON printers (name) WHERE removed_at IS NULL;

    CREATE TABLE print_jobs (
      id INTEGER PRIMARY KEY,
      printer_id INTEGER NOT NULL REFERENCES printers (id),
      kind TEXT NOT NULL,
      document_key TEXT NOT NULL,
      -- Exactly what goes to the printer, rendered when the job was queued; a reprint sends
      -- the same bytes.
      bytes BLOB NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'printed', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      -- Set once any byte may have left for the printer: such a job is never sent again
      -- automatically, only reprinted by a person with a reason.
      may_have_printed INTEGER NOT NULL DEFAULT 0 CHECK (may_have_printed IN (0, 1)),
      created_by INTEGER REFERENCES users (id),
      reprint_of INTEGER REFERENCES print_jobs (id),
      reprint_reason TEXT,
      created_at INTEGER NOT NULL,
      printed_at INTEGER,
      CHECK (reprint_of IS NULL OR reprint_reason IS NOT NULL)
    ) STRICT;
    CREATE INDEX print_jobs_queue_idx ON print_jobs (state, printer_id, id);
    CREATE INDEX print_jobs_document_idx ON print_jobs (kind, document_key, id);
  `,
};
