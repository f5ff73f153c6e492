import { requireSession, type HandlerMap } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import type { ActionErrorKind } from '../../../shared/schemas/sync.schema';
import type { OutboxRow } from '../db/schema';
import { reopenPackSession } from '../counter/reopen-pack-session';
import { setLocalState } from '../postings/postings.repo';
import { openAlerts, resolveAlert } from '../postings/alerts.repo';
import { openActions, updateAction } from '../outbox/outbox.repo';

type OutboxMethods =
  'outbox.list' | 'outbox.retry' | 'outbox.discard' | 'alerts.list' | 'alerts.resolve';

function toAction(row: OutboxRow) {
  return {
    id: row.id,
    accountId: row.account_id,
    action: row.action,
    subject: row.subject,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    lastErrorKind: row.last_error_kind as ActionErrorKind | null,
    createdAt: row.created_at,
  };
}

async function rejectedAction(db: Parameters<typeof openActions>[0], actionId: number) {
  const row = await db
    .selectFrom('outbox')
    .selectAll()
    .where('id', '=', actionId)
    .executeTakeFirst();
  if (!row) throw new ApiFailure('not_found', 'No such action');
  if (row.state !== 'rejected')
    throw new ApiFailure('invalid_state', 'Only a rejected action can be retried or discarded');
  return row;
}

export const outboxHandlers: HandlerMap<OutboxMethods> = {
  'outbox.list': async (_input, ctx) => (await openActions(ctx.db, null)).map(toAction),

  'outbox.retry': async (input, ctx) => {
    const row = await rejectedAction(ctx.db, input.actionId);
    await ctx.write((trx) =>
      updateAction(trx, row.id, {
        state: 'pending',
        attempts: 0,
        next_attempt_at: ctx.now(),
        finished_at: null,
      }),
    );
    void ctx.sync.pushNow(row.account_id);
    return toAction({ ...row, state: 'pending', attempts: 0, next_attempt_at: ctx.now() });
  },

  /** Gives up the action and undoes the local change it carried (the posting is no longer "shipping"). */
  'outbox.discard': async (input, ctx) => {
    const row = await rejectedAction(ctx.db, input.actionId);
    await ctx.write(async (trx) => {
      await updateAction(trx, row.id, { state: 'discarded', finished_at: ctx.now() });
      const { postingNumber } = JSON.parse(row.payload) as { postingNumber?: string };
      if (postingNumber) await setLocalState(trx, row.account_id, postingNumber, 'none');
      // A discarded ship means the posting is not packed after all: its completed pack session
      // goes back to "set aside" with its ticks, so the next scan resumes it and a completion
      // queues a new ship; until then dispatch refuses it as not packed.
      if (row.action === 'ship' && postingNumber) {
        await reopenPackSession(trx, row.account_id, postingNumber);
      }
    });
    return toAction({ ...row, state: 'discarded' });
  },

  'alerts.list': async (_input, ctx) =>
    (await openAlerts(ctx.db)).map((a) => ({
      id: a.id,
      accountId: a.account_id,
      postingNumber: a.posting_number,
      kind: a.kind,
      message: a.message,
      createdAt: a.created_at,
    })),

  'alerts.resolve': async (input, ctx) => {
    const { user } = requireSession(ctx);
    const done = await ctx.write((trx) => resolveAlert(trx, input.alertId, user.id, ctx.now()));
    if (!done) throw new ApiFailure('not_found', 'No open alert with that id');
    return {};
  },
};
