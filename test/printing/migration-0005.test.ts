import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';

describe('migration 0005_printing_documents', () => {
  it('rebuilds printers with its rows and keeps every print job pointing at them', () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.pragma('foreign_keys = ON');
    const before = MIGRATIONS.findIndex((m) => m.name === '0005_printing_documents');
    migrate(sqlite, ':memory:', MIGRATIONS.slice(0, before));
    sqlite.exec(`
      INSERT INTO printers (id, name, transport, host, port, language, paper, dpi, code_page,
        for_labels, created_at, updated_at)
      VALUES (3, 'Zebra', 'tcp', '10.0.0.9', 9100, 'zpl', '4x6in', 203, 'pc437', 1, 1, 1);
      INSERT INTO print_jobs (printer_id, kind, document_key, bytes, state, next_attempt_at, created_at)
      VALUES (3, 'posting_label', '1-1-1', x'5E58415E585A', 'printed', 1, 1);
    `);
    migrate(sqlite, ':memory:');
    expect(sqlite.prepare('SELECT * FROM printers').all()).toEqual([
      expect.objectContaining({
        id: 3,
        name: 'Zebra',
        host: '10.0.0.9',
        for_labels: 1,
        os_queue: null,
        label_source: 'own',
        packing_slip_on_complete: 0,
      }),
    ]);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    // The widened CHECKs take OS printers; the foreign key still guards jobs.
    sqlite.exec(`INSERT INTO printers (name, transport, os_queue, language, paper, dpi, code_page,
      created_at, updated_at) VALUES ('Laser', 'os', 'laser', 'pdf', '4x6in', 300, 'pc437', 1, 1)`);
    expect(() =>
      sqlite.exec(`INSERT INTO print_jobs (printer_id, kind, document_key, bytes, state,
        next_attempt_at, created_at) VALUES (99, 'pick_list', '1', x'00', 'queued', 1, 1)`),
    ).toThrow(/FOREIGN KEY/);
    sqlite.close();
  });
});
