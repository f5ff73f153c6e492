import type { Kysely, Transaction } from 'kysely';
import type { AccountRow, Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export function listAccounts(db: Executor): Promise<AccountRow[]> {
  return db.selectFrom('accounts').selectAll().orderBy('id').execute();
}

export function findAccount(db: Executor, id: number): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordPullSuccess(db: Executor, id: number, now: number): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ last_pull_at: now, last_error: null, last_error_at: null })
    .where('id', '=', id)
    .execute();
}

export async function recordAccountError(
  db: Executor,
  id: number,
  message: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ last_error: message, last_error_at: now })
    .where('id', '=', id)
    .execute();
}
