import type { PrinterRow } from '../db/schema';
import type { HandlerContext } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import { findPrinter, getJob } from '../devices/printer/queue.repo';

/** Lookups the printer and document methods share: a missing row is the caller's not_found. */
export async function printerOrFail(ctx: HandlerContext, printerId: number): Promise<PrinterRow> {
  const row = await findPrinter(ctx.db, printerId);
  if (!row) throw new ApiFailure('not_found', `No printer ${printerId}`);
  return row;
}

export async function jobOrFail(ctx: HandlerContext, jobId: number) {
  const job = await getJob(ctx.db, jobId);
  if (!job) throw new ApiFailure('not_found', `No print job ${jobId}`);
  return job;
}
