import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, PrinterRow } from '../db/schema';
import { renderLayouts, type PrinterProfile } from './documents';
import { marketplaceLabelLayouts, rasterisePdf } from './marketplace-label';
import { insertJob } from '../devices/printer/queue.repo';

type Executor = Kysely<Database> | Transaction<Database>;

/** The cached label PDF of a posting, if the marketplace has given it to us. */
export async function cachedLabel(db: Executor, postingNumber: string): Promise<Buffer | null> {
  const row = await db
    .selectFrom('marketplace_labels')
    .select('pdf')
    .where('posting_number', '=', postingNumber)
    .where('state', '=', 'ready')
    .executeTakeFirst();
  return row?.pdf ?? null;
}

/**
 * The bytes of a marketplace label for a printer: the PDF itself for an OS printer, otherwise
 * every page rasterised at the printer's dots. Done before any transaction: rasterising takes
 * tens of milliseconds.
 */
export async function marketplaceLabelBytes(printer: PrinterProfile, pdf: Buffer): Promise<Buffer> {
  if (printer.language === 'pdf') return pdf;
  return renderLayouts(printer, marketplaceLabelLayouts(await rasterisePdf(pdf, printer)), 'label');
}

/**
 * Queues a marketplace label unless one is already queued or printed for the posting (printing
 * it again is a reprint with a reason). Returns the job id, new or existing.
 */
export async function queueMarketplaceLabelJob(
  trx: Executor,
  job: {
    printer: PrinterRow;
    postingNumber: string;
    bytes: Buffer;
    userId: number | null;
    at: number;
  },
): Promise<number> {
  const earlier = await trx
    .selectFrom('print_jobs')
    .select('id')
    .where('kind', '=', 'marketplace_label')
    .where('document_key', '=', job.postingNumber)
    .where('state', 'in', ['queued', 'sending', 'printed'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (earlier) return earlier.id;
  return insertJob(trx, {
    printerId: job.printer.id,
    kind: 'marketplace_label',
    documentKey: job.postingNumber,
    bytes: job.bytes,
    createdBy: job.userId,
    at: job.at,
  });
}

/**
 * Asks for a label that is not cached yet to be printed when it arrives: the prefetch worker
 * queues it then. Creates the cache row if the posting had none.
 */
export async function printOnArrival(
  trx: Executor,
  request: {
    accountId: number;
    postingNumber: string;
    printerId: number;
    userId: number;
    at: number;
  },
): Promise<void> {
  await trx
    .insertInto('marketplace_labels')
    .values({
      account_id: request.accountId,
      posting_number: request.postingNumber,
      state: 'pending',
      next_attempt_at: request.at,
      print_on_arrival_printer_id: request.printerId,
      print_on_arrival_by: request.userId,
      created_at: request.at,
    })
    .onConflict((oc) =>
      oc.columns(['account_id', 'posting_number']).doUpdateSet({
        print_on_arrival_printer_id: request.printerId,
        print_on_arrival_by: request.userId,
        // A failed fetch is tried again now that someone is waiting for it.
        state: sql<
          'pending' | 'ready' | 'failed'
        >`CASE WHEN state = 'failed' THEN 'pending' ELSE state END`,
        next_attempt_at: request.at,
      }),
    )
    .execute();
}
