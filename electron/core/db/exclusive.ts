import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from './connection';

/**
 * Runs `work` as one better-sqlite3 transaction while holding Kysely's connection, so no Kysely
 * transaction can be open around it. Bulk writes (a page of 100 postings) go through prepared
 * statements here because per-row Kysely inserts are several times slower; `work` is synchronous,
 * so nothing else can interleave.
 */
export function writeExclusive<T>(
  db: Db,
  sqlite: BetterSqlite3.Database,
  work: () => T,
): Promise<T> {
  return db.connection().execute(async () => sqlite.transaction(work).immediate());
}
