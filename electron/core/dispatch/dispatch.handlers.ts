import type { DispatchVerdict, ScanTone } from '../../../shared/schemas/packing.schema';
import { requireSession, type HandlerMap } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import { counterRepo } from '../counter/counter.repo';
import { judgeDispatchScan } from './dispatch-scan';
import { carriersWithPacked, getBatch, listBatches, openBatchFor } from './dispatch.repo';

type DispatchMethods =
  'dispatch.carriers' | 'dispatch.open' | 'dispatch.list' | 'dispatch.scan' | 'dispatch.close';

const DISPATCH_TONE: Record<DispatchVerdict, ScanTone> = {
  added: 'ok',
  already_in_batch: 'warning',
  not_packed: 'error',
  cancelled: 'error',
  other_carrier: 'error',
  in_other_batch: 'error',
  unknown_code: 'error',
  batch_closed: 'error',
};

export const dispatchHandlers: HandlerMap<DispatchMethods> = {
  'dispatch.carriers': (_input, ctx) => carriersWithPacked(ctx.db),

  'dispatch.open': async (input, ctx) => {
    const { user } = requireSession(ctx);
    const id = await ctx.write(async (trx) => {
      const open = await openBatchFor(trx, input.carrier);
      if (open) return open.id;
      const row = await trx
        .insertInto('dispatch_batches')
        .values({
          carrier: input.carrier,
          state: 'open',
          created_at: ctx.now(),
          created_by: user.id,
          closed_at: null,
          closed_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    const batch = await getBatch(ctx.db, id);
    if (!batch) throw new ApiFailure('internal', 'The batch just opened is missing');
    return batch;
  },

  'dispatch.list': (_input, ctx) => listBatches(ctx.db),

  'dispatch.scan': async (input, ctx) => {
    const { user } = requireSession(ctx);
    const repo = counterRepo(ctx.sqlite);
    const judgement = await ctx.write(async (trx) => {
      const batch = await trx
        .selectFrom('dispatch_batches')
        .selectAll()
        .where('id', '=', input.batchId)
        .executeTakeFirst();
      if (!batch) throw new ApiFailure('not_found', `No dispatch batch ${input.batchId}`);
      // Another station may close the batch while this one still shows it open: that is an
      // answer for the packer, with its sound and history line, not a failed call.
      if (batch.state !== 'open') {
        return { verdict: 'batch_closed' as const, postingNumber: null, detail: null };
      }
      return judgeDispatchScan(trx, repo, batch, {
        code: input.code,
        userId: user.id,
        now: ctx.now(),
      });
    });
    const batch = await getBatch(ctx.db, input.batchId);
    if (!batch) throw new ApiFailure('not_found', `No dispatch batch ${input.batchId}`);
    return { ...judgement, tone: DISPATCH_TONE[judgement.verdict], batch };
  },

  'dispatch.close': async (input, ctx) => {
    const { user } = requireSession(ctx);
    await ctx.write(async (trx) => {
      const result = await trx
        .updateTable('dispatch_batches')
        .set({ state: 'closed', closed_at: ctx.now(), closed_by: user.id })
        .where('id', '=', input.batchId)
        .where('state', '=', 'open')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) return;
      const exists = await trx
        .selectFrom('dispatch_batches')
        .select('id')
        .where('id', '=', input.batchId)
        .executeTakeFirst();
      if (!exists) throw new ApiFailure('not_found', `No dispatch batch ${input.batchId}`);
      // Closing a closed batch again is harmless: the answer is the batch as it was closed.
    });
    const batch = await getBatch(ctx.db, input.batchId);
    if (!batch) throw new ApiFailure('not_found', `No dispatch batch ${input.batchId}`);
    return batch;
  },
};
