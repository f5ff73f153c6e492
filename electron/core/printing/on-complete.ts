import type { HandlerContext } from '../api/context';
import { findPosting } from '../postings/postings.repo';
import { packingSlipLayout, renderLayouts } from './documents';
import {
  cachedLabel,
  marketplaceLabelBytes,
  printOnArrival,
  queueMarketplaceLabelJob,
} from './label-cache';
import { packageLabel, queuePostingLabel } from './printing.handlers';
import { insertJob, printerFor } from './printing.repo';
import { profileOf } from './profile';

export interface CompletionPrints {
  /** The label job, or null when no printer is marked for shipping labels or the marketplace label is not here yet. */
  labelJobId: number | null;
  /** The marketplace label is not cached yet: it is queued the moment it arrives. */
  labelOnArrival: boolean;
  /** The packing slip job, or null when no receipt printer is set to print one. */
  packingSlipJobId: number | null;
}

/**
 * What the counter prints, without a click, when a posting is completed: its shipping label on
 * the label printer (ours, or the marketplace's when that printer is set to marketplace labels),
 * and a packing slip on a receipt printer set to print one. Called after the completion is
 * committed, so a printer problem never undoes a packed posting; each job's state says whether
 * it printed.
 *
 * The marketplace's label only exists once the marketplace has accepted the shipment (Ozon:
 * 45–60 s later). A cached one prints at once; otherwise the request is recorded and the label
 * prefetch worker queues it on arrival, rather than printing our label in its place.
 */
export async function printOnComplete(
  ctx: HandlerContext,
  postingNumber: string,
  userId: number,
): Promise<CompletionPrints> {
  const result: CompletionPrints = {
    labelJobId: null,
    labelOnArrival: false,
    packingSlipJobId: null,
  };
  const labels = await printerFor(ctx.db, 'for_labels');
  if (labels?.label_source === 'marketplace') {
    const pdf = await cachedLabel(ctx.db, postingNumber);
    if (pdf) {
      const bytes = await marketplaceLabelBytes(profileOf(labels), pdf);
      result.labelJobId = await ctx.write((trx) =>
        queueMarketplaceLabelJob(trx, {
          printer: labels,
          postingNumber,
          bytes,
          userId,
          at: ctx.now(),
        }),
      );
    } else {
      const posting = await findPosting(ctx.db, postingNumber);
      if (posting) {
        await ctx.write((trx) =>
          printOnArrival(trx, {
            accountId: posting.account_id,
            postingNumber,
            printerId: labels.id,
            userId,
            at: ctx.now(),
          }),
        );
        result.labelOnArrival = true;
      }
    }
  } else if (labels) {
    result.labelJobId = await queuePostingLabel(ctx, labels, postingNumber, userId);
  }

  const receipts = await ctx.db
    .selectFrom('printers')
    .selectAll()
    .where('removed_at', 'is', null)
    .where('for_receipts', '=', 1)
    .where('packing_slip_on_complete', '=', 1)
    .orderBy('id')
    .executeTakeFirst();
  if (receipts) {
    const doc = await packageLabel(ctx, postingNumber);
    const bytes = renderLayouts(profileOf(receipts), [packingSlipLayout(doc)], postingNumber);
    result.packingSlipJobId = await ctx.write((trx) =>
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
  // The counter's method announces its own domain, not printing: wake the print queue here so
  // the label leaves now rather than at the queue's next timer.
  if (result.labelJobId !== null || result.packingSlipJobId !== null)
    ctx.events.publish('printing');
  return result;
}
