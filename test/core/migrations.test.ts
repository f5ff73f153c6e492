import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/connection';
import { DatabaseTooNewError, migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS, type Migration } from '../../electron/core/db/migrations/index';
import { tempDir } from '../support/core-fixture';

const dirs: string[] = [];
function dbFile() {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir, 'shop.sqlite');
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('migrations', () => {
  it('creates the foundation schema as STRICT tables in WAL mode with full sync', async () => {
    const file = dbFile();
    const opened = openDatabase(file);
    expect(opened.migration).toEqual({ from: 0, to: MIGRATIONS.length, backupPath: null });
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = opened.sqlite
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'",
      )
      .all() as { name: string; strict: number }[];
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['audit_log', 'preferences', 'sessions', 'settings', 'shop', 'users']),
    );
    expect(tables.every((t) => t.strict === 1)).toBe(true);
    await opened.close();
  });

  it('does nothing and makes no backup when the database is current', async () => {
    const file = dbFile();
    await openDatabase(file).close();
    const again = openDatabase(file);
    expect(again.migration.backupPath).toBeNull();
    await again.close();
    expect(readdirSync(join(file, '..')).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('copies the database before migrating one that holds data', () => {
    const file = dbFile();
    const sqlite = new BetterSqlite3(file);
    migrate(sqlite, file);
    sqlite.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    const latest = MIGRATIONS.length;
    const next: Migration[] = [
      ...MIGRATIONS,
      { name: '0002_test', sql: 'CREATE TABLE extra (id INTEGER PRIMARY KEY) STRICT;' },
    ];
    const report = migrate(sqlite, file, next, () => 42);
    sqlite.close();
    expect(report).toMatchObject({ from: latest, to: latest + 1 });
    expect(report.backupPath && existsSync(report.backupPath)).toBe(true);
    const backup = new BetterSqlite3(report.backupPath ?? '', { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(latest);
    expect(backup.prepare('SELECT value FROM settings').get()).toEqual({ value: 'v' });
    backup.close();
  });

  it('rolls a failing migration back whole: no half-made table, version unchanged', () => {
    const file = dbFile();
    const sqlite = new BetterSqlite3(file);
    migrate(sqlite, file);
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        name: '0002_broken',
        sql: 'CREATE TABLE half (id INTEGER) STRICT; INSERT INTO missing VALUES (1);',
      },
    ];
    expect(() => migrate(sqlite, file, broken)).toThrow(/no such table: missing/);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(
      sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get(),
    ).toEqual({ n: 0 });
    sqlite.close();
  });

  it('0002 adds the marketplace tables to a foundation database and keeps its users', () => {
    const file = dbFile();
    const sqlite = new BetterSqlite3(file);
    migrate(sqlite, file, MIGRATIONS.slice(0, 1));
    sqlite
      .prepare(
        "INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ('sam', 'Sam', 'staff', 'x', 1, 1)",
      )
      .run();
    migrate(sqlite, file, MIGRATIONS.slice(0, 2));
    expect(sqlite.prepare('SELECT username FROM users').all()).toEqual([{ username: 'sam' }]);
    const outbox = sqlite
      .prepare("SELECT strict FROM pragma_table_list WHERE name = 'outbox'")
      .get();
    expect(outbox).toEqual({ strict: 1 });
    sqlite.close();
  });

  it('refuses a database written by a newer Packdesk and leaves it untouched', () => {
    const file = dbFile();
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('user_version = 99');
    sqlite.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    check.close();
  });
});
