import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Undoes a completion whose ship the marketplace refused and a person discarded: the posting's
 * completed pack session becomes a set-aside one again, ticks and packages kept.
 */
export async function reopenPackSession(
  trx: Transaction<Database>,
  accountId: number,
  postingNumber: string,
): Promise<void> {
  await trx
    .updateTable('pack_sessions')
    .set({ state: 'skipped', completed_at: null, completed_by: null })
    .where('state', '=', 'completed')
    .where('posting_id', 'in', (eb) =>
      eb
        .selectFrom('postings')
        .select('id')
        .where('account_id', '=', accountId)
        .where('posting_number', '=', postingNumber),
    )
    .execute();
}
