import type { HandlerContext } from '../handler/context';
import type { CompletionPrints, PrintOnComplete } from '../packing/completion';
import { findPosting } from '../postings/postings.repo';
import { packingSlipLayout, renderLayouts } from './documents';
import {
  cachedLabel,
  marketplaceLabelBytes,
  printOnArrival,
  queueMarketplaceLabelJob,
} from './label-cache';
import { packageLabel, queuePostingLabel } from './package-label';
import { insertJob, printerFor } from '../devices/printer/queue.repo';
import { profileOf } from '../devices/printer/profile';

/**
 * What the counter prints, without a click, when a posting is completed: its shipping label on
 * the label printer (ours, or the marketplace's when that printer is set to marketplace labels),
 * and a packing slip on a receipt printer set to print one. Called after the completion is
 * committed, so a printer problem never undoes a packed posting; each job's state says whether
 * it printed. Never throws: each print that fails is logged and left null, so a failing packing
 * slip does not hide a label that was queued.
 *
 * The marketplace's label only exists once the marketplace has accepted the shipment (Ozon:
 * 45–60 s later). A cached one prints at once; otherwise the request is recorded and the label
 * prefetch worker queues it on arrival, rather than printing our label in its place.
 */
export function createPrintOnComplete(deps: { wakePrinter: () => void }): PrintOnComplete {
  return async (ctx, postingNumber, userId) => {
    const result: CompletionPrints = {
      labelJobId: null,
      labelOnArrival: false,
      packingSlipJobId: null,
    };
    try {
      Object.assign(result, await printLabel(ctx, postingNumber, userId));
    } catch (error) {
      ctx.log.warn({ err: error, postingNumber }, 'label not queued for a completed posting');
    }
    try {
      result.packingSlipJobId = await printPackingSlip(ctx, postingNumber, userId);
    } catch (error) {
      ctx.log.warn(
        { err: error, postingNumber },
        'packing slip not queued for a completed posting',
      );
    }
    // The counter's method announces its own domain, not printing: wake the print queue here so
    // the label leaves now rather than at the queue's next timer, and tell the screens.
    if (result.labelJobId !== null || result.packingSlipJobId !== null) {
      deps.wakePrinter();
      ctx.events.publish('printing');
    }
    return result;
  };
}

type LabelPrints = Pick<CompletionPrints, 'labelJobId' | 'labelOnArrival'>;

async function printLabel(
  ctx: HandlerContext,
  postingNumber: string,
  userId: number,
): Promise<LabelPrints> {
  const labels = await printerFor(ctx.db, 'for_labels');
  if (!labels) return { labelJobId: null, labelOnArrival: false };
  if (labels.label_source !== 'marketplace') {
    return {
      labelJobId: await queuePostingLabel(ctx, labels, postingNumber, userId),
      labelOnArrival: false,
    };
  }
  const posting = await findPosting(ctx.db, postingNumber);
  const cached = await cachedLabel(ctx.db, postingNumber);
  // Rendered outside the transaction: rasterising is the slow part.
  let bytes = cached ? await marketplaceLabelBytes(profileOf(labels), cached) : null;
  for (;;) {
    const outcome = await ctx.write(async (trx): Promise<LabelPrints | { render: Buffer }> => {
      // Checked and requested in one transaction: a label that arrived since the read above
      // is queued here, because the prefetch never comes back to a label it has stored.
      const pdf = await cachedLabel(trx, postingNumber);
      if (pdf) {
        if (!bytes) return { render: pdf };
        const labelJobId = await queueMarketplaceLabelJob(trx, {
          printer: labels,
          postingNumber,
          bytes,
          userId,
          at: ctx.now(),
        });
        return { labelJobId, labelOnArrival: false };
      }
      if (!posting) return { labelJobId: null, labelOnArrival: false };
      await printOnArrival(trx, {
        accountId: posting.account_id,
        postingNumber,
        printerId: labels.id,
        userId,
        at: ctx.now(),
      });
      return { labelJobId: null, labelOnArrival: true };
    });
    // The label arrived between the read and the transaction: a stored label never changes,
    // so one more round, with its bytes, queues it.
    if ('render' in outcome) {
      bytes = await marketplaceLabelBytes(profileOf(labels), outcome.render);
      continue;
    }
    return outcome;
  }
}

async function printPackingSlip(
  ctx: HandlerContext,
  postingNumber: string,
  userId: number,
): Promise<number | null> {
  const receipts = await ctx.db
    .selectFrom('printers')
    .selectAll()
    .where('removed_at', 'is', null)
    .where('for_receipts', '=', 1)
    .where('packing_slip_on_complete', '=', 1)
    .orderBy('id')
    .executeTakeFirst();
  if (!receipts) return null;
  const doc = await packageLabel(ctx, postingNumber);
  const bytes = renderLayouts(profileOf(receipts), [packingSlipLayout(doc)], postingNumber);
  return ctx.write((trx) =>
    insertJob(trx, {
      printerId: receipts.id,
      kind: 'packing_slip',
      documentKey: postingNumber,
      bytes,
      createdBy: userId,
      at: ctx.now(),
    }),
  );
}
