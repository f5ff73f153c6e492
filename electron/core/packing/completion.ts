import type { HandlerContext } from '../handler/context';

export interface CompletionPrints {
  /** The label job, or null when no printer is marked for shipping labels, the marketplace label is not here yet or queueing it failed. */
  labelJobId: number | null;
  /** The marketplace label is not cached yet: it is queued the moment it arrives. */
  labelOnArrival: boolean;
  /** The packing slip job, or null when no receipt printer is set to print one or queueing it failed. */
  packingSlipJobId: number | null;
}

/**
 * What the counter prints when a posting is completed, called after the completion commits and
 * never throwing. Declared here and passed in by the composition root, because the documents
 * that do the printing stand above the domains (documents/on-complete.ts implements it).
 */
export type PrintOnComplete = (
  ctx: HandlerContext,
  postingNumber: string,
  userId: number,
) => Promise<CompletionPrints>;
