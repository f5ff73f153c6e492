import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export function getShop(db: Executor) {
  return db.selectFrom('shop').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function createShop(db: Executor, name: string, now: number): Promise<void> {
  await db.insertInto('shop').values({ id: 1, name, created_at: now }).execute();
}

export async function renameShop(db: Executor, name: string): Promise<void> {
  await db.updateTable('shop').set({ name }).where('id', '=', 1).execute();
}
