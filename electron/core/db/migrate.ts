import type BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { MIGRATIONS, type Migration } from './migrations/index';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer Packdesk (schema ${found}; this version knows up to ${supported}). Update Packdesk to open it.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export interface MigrationReport {
  from: number;
  to: number;
  backupPath: string | null;
}

/**
 * Brings the schema up to date. The version lives in `PRAGMA user_version`, which SQLite writes
 * inside the same transaction as the migration, so a crash leaves either the old or the new
 * schema, never half of one. (Kysely's Migrator does not wrap SQLite migrations in transactions
 * and keeps its own tables; this is the whole mechanism we need.)
 */
export function migrate(
  sqlite: BetterSqlite3.Database,
  filePath: string,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
): MigrationReport {
  const current = sqlite.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  if (current === latest) return { from: current, to: current, backupPath: null };

  // A copy before touching a database that holds data; a fresh file has nothing to lose.
  let backupPath: string | null = null;
  if (current > 0 && filePath !== ':memory:') {
    backupPath = `${filePath}.before-v${latest}-${now()}.bak`;
    if (!existsSync(backupPath)) sqlite.prepare('VACUUM INTO ?').run(backupPath);
  }

  for (let version = current + 1; version <= latest; version++) {
    const migration = migrations[version - 1];
    if (!migration) throw new Error(`Missing migration ${version}`);
    sqlite
      .transaction(() => {
        sqlite.exec(migration.sql);
        sqlite.pragma(`user_version = ${version}`);
      })
      .immediate();
  }
  return { from: current, to: latest, backupPath };
}
