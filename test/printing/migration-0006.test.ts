import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';
import { INTERRUPTED } from '../../electron/core/devices/printer/queue.repo';

describe('migration 0006_print_error_codes', () => {
  it('gives existing failures the code of the text the earlier release wrote, else other', () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.pragma('foreign_keys = ON');
    const before = MIGRATIONS.findIndex((m) => m.name === '0006_print_error_codes');
    migrate(sqlite, ':memory:', MIGRATIONS.slice(0, before));
    sqlite.exec(`
      INSERT INTO printers (id, name, transport, host, port, language, paper, dpi, code_page,
        created_at, updated_at)
      VALUES (1, 'Desk', 'tcp', '127.0.0.1', 9100, 'escpos', '58mm', 203, 'pc437', 1, 1);
    `);
    const errors = [
      null,
      'Paper out',
      'Paper out; reprint if the label did not come out',
      'Print head open',
      INTERRUPTED,
      'The printer was removed',
      'Printer unreachable after 8 tries: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9100',
      'Connection lost while sending (ECONNRESET); reprint if the label did not come out',
      'The printer took the job but did not confirm it; reprint if the label did not come out',
      'lp refused the job: lp: The printer or class does not exist.',
      'Something nobody foresaw',
    ];
    const insert = sqlite.prepare(`INSERT INTO print_jobs (printer_id, kind, document_key, bytes,
      state, last_error, next_attempt_at, created_at)
      VALUES (1, 'test_page', 'Desk', x'00', @state, @error, 1, 1)`);
    for (const error of errors) insert.run({ error, state: error ? 'failed' : 'printed' });
    migrate(sqlite, ':memory:');
    const codes = sqlite
      .prepare('SELECT last_error, last_error_code FROM print_jobs ORDER BY id')
      .all() as { last_error: string | null; last_error_code: string | null }[];
    expect(codes.map((row) => row.last_error)).toEqual(errors);
    expect(codes.map((row) => row.last_error_code)).toEqual([
      null,
      'paper_out',
      'paper_out',
      'cover_open',
      'interrupted',
      'printer_removed',
      'unreachable',
      'connection_lost',
      'not_confirmed',
      'refused_by_spooler',
      'other',
    ]);
    sqlite.close();
  });
});
