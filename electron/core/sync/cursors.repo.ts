import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export async function readCursor(
  db: Executor,
  accountId: number,
  resource: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('sync_cursors')
    .select('value')
    .where('account_id', '=', accountId)
    .where('resource', '=', resource)
    .executeTakeFirst();
  return row?.value ?? null;
}

export async function writeCursor(
  db: Executor,
  accountId: number,
  resource: string,
  value: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('sync_cursors')
    .values({ account_id: accountId, resource, value, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['account_id', 'resource']).doUpdateSet({ value, updated_at: now }),
    )
    .execute();
}
