import { randomUUID } from 'node:crypto';
import { commandBarcode } from '../../../shared/domain/scan';
import { SCAN_VERDICT_TONE, type ScanResult } from '../../../shared/schemas/packing.schema';
import { requireSession, type HandlerContext, type HandlerMap } from '../handler/context';
import { queueShip } from '../postings/ship';
import { counterRepo } from '../counter/counter.repo';
import type { PrintOnComplete } from './completion';
import { packingStateOf } from './packing-state';
import { judgeScan } from './scan-verdict';

type PackingMethods = 'packing.current' | 'packing.scan' | 'packing.command';

/** Synchronous reads while holding Kysely's connection, so no open transaction shows half-done. */
function readState(ctx: HandlerContext, stationSessionId: number) {
  const repo = counterRepo(ctx.sqlite);
  return ctx.db.connection().execute(async () => packingStateOf(repo, stationSessionId));
}

/**
 * One scan, from a scanner or a button: judged, applied and logged in one transaction. A
 * completion queues the ship action in that same transaction; the label is queued after the
 * commit, so a printer problem never undoes a packed posting.
 */
async function scan(
  printOnComplete: PrintOnComplete,
  ctx: HandlerContext,
  code: string,
  source: 'keyboard' | 'serial' | 'screen',
  at: number | undefined,
): Promise<ScanResult> {
  const { user, sessionId } = requireSession(ctx);
  const station = { sessionId, origin: ctx.caller.origin, userId: user.id };
  const repo = counterRepo(ctx.sqlite);
  const judgement = await ctx.write(async (trx) => {
    const now = ctx.now();
    const result = judgeScan(repo, { code, source, at: at ?? now, now, station });
    const completion = result.completion;
    if (completion) {
      const { posting, packages, packSessionId } = completion;
      await queueShip(trx, {
        postingNumber: posting.posting_number,
        packages,
        // Each completion is its own intent (a completion after a discarded ship, see
        // counter/reopen-pack-session.ts, ships again). A repeated complete scan cannot queue a
        // second ship: this transaction finds the session completed and the posting shipping.
        idempotencyKey: `ship:${posting.posting_number}:pack:${packSessionId}:${randomUUID()}`,
        userId: user.id,
        now,
      });
      repo.markCompleted(packSessionId, user.id, now);
      completion.record();
    }
    return result;
  });

  let labelJobId: number | null = null;
  const completed = judgement.completion;
  if (completed) {
    // Never throws: each print is caught on its own, so a failing packing slip keeps the label.
    labelJobId = (await printOnComplete(ctx, completed.posting.posting_number, user.id)).labelJobId;
    // Only a completion changes more than the counter: the posting is now shipping and its
    // ship action waits in the outbox. Announced here so that an ordinary scan refreshes
    // nothing but the packing screens.
    ctx.events.publish('postings');
    ctx.events.publish('outbox');
    // Works offline: the outbox keeps the ship until the marketplace takes it.
    void ctx.sync
      .pushNow(completed.posting.account_id)
      .catch((error: unknown) => ctx.log.warn({ err: error }, 'push after completion failed'));
  }

  return {
    verdict: judgement.verdict,
    tone: SCAN_VERDICT_TONE[judgement.verdict],
    code: judgement.code,
    kind: judgement.kind,
    postingNumber: judgement.postingNumber,
    sku: judgement.sku,
    productName: judgement.productName,
    reason: judgement.reason,
    labelJobId,
    state: await readState(ctx, sessionId),
  };
}

/** The counter's methods; what a completion prints comes from the documents floor above. */
export function createPackingHandlers(deps: {
  printOnComplete: PrintOnComplete;
}): HandlerMap<PackingMethods> {
  const { printOnComplete } = deps;
  return {
    'packing.current': async (_input, ctx) => readState(ctx, requireSession(ctx).sessionId),

    'packing.scan': (input, ctx) => scan(printOnComplete, ctx, input.code, input.source, input.at),

    // The buttons take the same path as the printed command barcodes.
    'packing.command': (input, ctx) =>
      scan(printOnComplete, ctx, commandBarcode(input.command), 'screen', undefined),
  };
}
