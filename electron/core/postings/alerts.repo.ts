import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { PostingConflict } from './postings.repo';

type Executor = Kysely<Database> | Transaction<Database>;

/** One open alert per posting and kind: a conflict seen on every pull is raised once. */
export async function raiseAlerts(
  db: Executor,
  accountId: number,
  conflicts: PostingConflict[],
  now: number,
): Promise<number> {
  let raised = 0;
  for (const conflict of conflicts) {
    const open = await db
      .selectFrom('alerts')
      .select('id')
      .where('posting_number', '=', conflict.postingNumber)
      .where('kind', '=', conflict.kind)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (open) continue;
    await db
      .insertInto('alerts')
      .values({
        account_id: accountId,
        posting_number: conflict.postingNumber,
        kind: conflict.kind,
        message: conflict.message,
        created_at: now,
        resolved_at: null,
        resolved_by: null,
      })
      .execute();
    raised++;
  }
  return raised;
}

export function openAlerts(db: Executor, postingNumber?: string) {
  let query = db
    .selectFrom('alerts')
    .selectAll()
    .where('resolved_at', 'is', null)
    .orderBy('id', 'desc');
  if (postingNumber !== undefined) query = query.where('posting_number', '=', postingNumber);
  return query.execute();
}

export async function resolveAlert(
  db: Executor,
  id: number,
  userId: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('alerts')
    .set({ resolved_at: now, resolved_by: userId })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
