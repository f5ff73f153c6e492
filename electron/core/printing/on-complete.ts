import type { HandlerContext } from '../api/context';
import { queuePostingLabel } from './printing.handlers';
import { labelPrinter } from './printing.repo';

export interface CompletionPrints {
  /** The label job, or null when no printer is marked for shipping labels. */
  labelJobId: number | null;
}

/**
 * What the counter prints, without a click, when a posting is completed: its label on the
 * shipping-label printer. Called after the completion is committed, so a printer problem never
 * undoes a packed posting; the job's own state says whether it printed.
 */
export async function printOnComplete(
  ctx: HandlerContext,
  postingNumber: string,
  userId: number,
): Promise<CompletionPrints> {
  const printer = await labelPrinter(ctx.db);
  if (!printer) return { labelJobId: null };
  return { labelJobId: await queuePostingLabel(ctx, printer, postingNumber, userId) };
}
