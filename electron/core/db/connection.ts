import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate, type MigrationReport } from './migrate';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  db: Db;
  sqlite: BetterSqlite3.Database;
  migration: MigrationReport;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the shop's SQLite file and migrates it. `synchronous = FULL`:
 * a committed scan, print job or outbox action must survive a power cut, and at counter
 * write rates the cost is invisible.
 */
export function openDatabase(filePath: string): OpenedDatabase {
  const sqlite = new BetterSqlite3(filePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  let migration: MigrationReport;
  try {
    migration = migrate(sqlite, filePath);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    sqlite,
    migration,
    // Kysely's destroy closes the better-sqlite3 handle too.
    close: () => db.destroy(),
  };
}
