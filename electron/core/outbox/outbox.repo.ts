import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, OutboxRow, OutboxState } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** States that still owe the marketplace something; they hold back later actions on the subject. */
export const OPEN_STATES: OutboxState[] = [
  'pending',
  'in_flight',
  'verifying',
  'uncertain',
  'rejected',
];
/** States the pusher works on when they are due. */
const WORKABLE_STATES: OutboxState[] = ['pending', 'verifying', 'uncertain'];
/** States of an action still being sent or confirmed, as opposed to one waiting for a person. */
const RETRIED_STATES: OutboxState[] = [...WORKABLE_STATES, 'in_flight'];

export interface NewAction {
  accountId: number;
  idempotencyKey: string;
  action: string;
  subject: string;
  payload: unknown;
  createdBy: number | null;
}

/**
 * Queues an action. Call it inside the transaction that makes the local change, so the change
 * and the promise to tell the marketplace commit together or not at all. Queuing the same
 * idempotency key twice is a no-op, so a repeated scan or double click cannot queue twice.
 */
export async function enqueue(trx: Executor, action: NewAction, now: number): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      account_id: action.accountId,
      idempotency_key: action.idempotencyKey,
      action: action.action,
      subject: action.subject,
      payload: JSON.stringify(action.payload),
      state: 'pending',
      next_attempt_at: now,
      created_at: now,
      created_by: action.createdBy,
      last_error: null,
      last_error_kind: null,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}

/**
 * Due actions that are first in line for their subject: nothing older on the same posting or
 * stock pair is still open. Oldest first.
 */
export function dueActions(
  db: Executor,
  accountId: number,
  now: number,
  limit: number,
): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox as o')
    .selectAll('o')
    .where('o.account_id', '=', accountId)
    .where('o.state', 'in', WORKABLE_STATES)
    .where('o.next_attempt_at', '<=', now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox as p')
            .select(sql`1`.as('one'))
            .whereRef('p.account_id', '=', 'o.account_id')
            .whereRef('p.subject', '=', 'o.subject')
            .whereRef('p.id', '<', 'o.id')
            .where('p.state', 'in', OPEN_STATES),
        ),
      ),
    )
    .orderBy('o.id')
    .limit(limit)
    .execute();
}

/**
 * For a query on `postings`: 1 while the posting's ship is being sent again because the
 * marketplace accepted it and then did not carry it out (`ship_failed`), else 0. Only postings
 * this station is shipping are looked up, so a list page stays one index seek per row.
 */
export function shipFailedFlag() {
  return sql<number>`CASE WHEN postings.local_state = 'shipping' THEN EXISTS (
    SELECT 1 FROM outbox
    WHERE outbox.account_id = postings.account_id
      AND outbox.subject = 'posting:' || postings.posting_number
      AND outbox.action = 'ship'
      AND outbox.state IN (${sql.join(RETRIED_STATES)})
      AND outbox.last_error_kind = 'ship_failed'
  ) ELSE 0 END`.as('ship_failed');
}

export async function updateAction(
  db: Executor,
  id: number,
  changes: Partial<
    Pick<
      OutboxRow,
      'state' | 'attempts' | 'next_attempt_at' | 'last_error' | 'last_error_kind' | 'finished_at'
    >
  >,
): Promise<void> {
  await db.updateTable('outbox').set(changes).where('id', '=', id).execute();
}

/**
 * After a crash, an action caught `in_flight` may or may not have reached the marketplace:
 * it becomes `uncertain` and is read back before anything is sent again.
 */
export async function recoverInFlight(db: Executor): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ state: 'uncertain' })
    .where('state', '=', 'in_flight')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface QueueStats {
  open: number;
  rejected: number;
  oldestOpenAt: number | null;
  nextAttemptAt: number | null;
}

export async function queueStats(db: Executor, accountId: number): Promise<QueueStats> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(sql`state = 'rejected'`).as('rejected'),
      eb.fn.min('created_at').as('oldest'),
      eb.fn
        .min(
          sql<number>`CASE WHEN state IN ('pending', 'verifying', 'uncertain') THEN next_attempt_at END`,
        )
        .as('next'),
    ])
    .where('account_id', '=', accountId)
    .where('state', 'in', OPEN_STATES)
    .executeTakeFirstOrThrow();
  return {
    open: row.open,
    rejected: Number(row.rejected ?? 0),
    oldestOpenAt: row.oldest ?? null,
    nextAttemptAt: (row.next as number | null) ?? null,
  };
}

/** Rejected and other open actions for the UI, oldest first. */
export function openActions(db: Executor, accountId: number | null, limit = 200) {
  let query = db
    .selectFrom('outbox')
    .selectAll()
    .where('state', 'in', OPEN_STATES)
    .orderBy('id')
    .limit(limit);
  if (accountId !== null) query = query.where('account_id', '=', accountId);
  return query.execute();
}
