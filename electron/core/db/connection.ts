import { closeSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { makePrivateFile, PRIVATE_FILE_MODE } from '../lib/private-files';
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
 * write rates the cost is invisible. The file, its WAL and shared-memory files and a
 * pre-migration backup are owner-only (0600), as created and at every open.
 */
export function openDatabase(filePath: string): OpenedDatabase {
  // SQLite would create the file 0644; an empty file made first is a new database to it, and
  // it gives -wal and -shm the main file's mode when it creates them.
  closeSync(openSync(filePath, 'a', PRIVATE_FILE_MODE));
  makePrivateFile(filePath);
  const sqlite = new BetterSqlite3(filePath);
  sqlite.pragma('journal_mode = WAL');
  // Left over from a run that did not close cleanly, they keep the mode they were made with.
  makePrivateFile(`${filePath}-wal`);
  makePrivateFile(`${filePath}-shm`);
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  let migration: MigrationReport;
  try {
    migration = migrate(sqlite, filePath);
    // VACUUM INTO makes the backup as a fresh database, 0644.
    if (migration.backupPath) makePrivateFile(migration.backupPath);
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
