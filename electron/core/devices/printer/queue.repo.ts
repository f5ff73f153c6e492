import type { Kysely, Transaction } from 'kysely';
import type { PrintJob, Printer } from '../../../../shared/schemas/printing.schema';
import type { Database, PrinterRow, PrintJobRow } from '../../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** Said of a job that was caught mid-send by a crash or shutdown. */
export const INTERRUPTED = 'interrupted; reprint if the label did not come out';

export function toPrinter(row: PrinterRow): Printer {
  return {
    id: row.id,
    name: row.name,
    transport: row.transport,
    host: row.host,
    port: row.port,
    devicePath: row.device_path,
    osQueue: row.os_queue,
    language: row.language,
    paper: row.paper,
    dpi: row.dpi,
    codePage: row.code_page,
    usage: {
      labels: row.for_labels === 1,
      receipts: row.for_receipts === 1,
      pickLists: row.for_pick_lists === 1,
    },
    reportsStatus: row.reports_status === 1,
    labelSource: row.label_source,
    packingSlipOnComplete: row.packing_slip_on_complete === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function findPrinter(db: Executor, id: number): Promise<PrinterRow | undefined> {
  return db
    .selectFrom('printers')
    .selectAll()
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export function listPrinters(db: Executor): Promise<PrinterRow[]> {
  return db
    .selectFrom('printers')
    .selectAll()
    .where('removed_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The printer marked for a use; the oldest one if several are. */
export function printerFor(
  db: Executor,
  use: 'for_labels' | 'for_receipts' | 'for_pick_lists',
): Promise<PrinterRow | undefined> {
  return db
    .selectFrom('printers')
    .selectAll()
    .where('removed_at', 'is', null)
    .where(use, '=', 1)
    .orderBy('id')
    .executeTakeFirst();
}

/** The printer marked for shipping labels; the oldest one if several are. */
export function labelPrinter(db: Executor): Promise<PrinterRow | undefined> {
  return printerFor(db, 'for_labels');
}

const JOB_COLUMNS = [
  'print_jobs.id',
  'print_jobs.printer_id',
  'print_jobs.kind',
  'print_jobs.document_key',
  'print_jobs.state',
  'print_jobs.attempts',
  'print_jobs.last_error',
  'print_jobs.last_error_code',
  'print_jobs.may_have_printed',
  'print_jobs.reprint_of',
  'print_jobs.reprint_reason',
  'print_jobs.created_at',
  'print_jobs.printed_at',
  'printers.name as printer_name',
  'users.username as created_by_name',
] as const;

function jobQuery(db: Executor) {
  return db
    .selectFrom('print_jobs')
    .innerJoin('printers', 'printers.id', 'print_jobs.printer_id')
    .leftJoin('users', 'users.id', 'print_jobs.created_by')
    .select(JOB_COLUMNS)
    .select((eb) => eb.fn<number>('length', ['print_jobs.bytes']).as('size_bytes'));
}

type JobListRow = Awaited<ReturnType<ReturnType<typeof jobQuery>['executeTakeFirstOrThrow']>>;

function toJob(row: JobListRow): PrintJob {
  return {
    id: row.id,
    printerId: row.printer_id,
    printerName: row.printer_name,
    kind: row.kind,
    documentKey: row.document_key,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    lastErrorCode: row.last_error_code,
    mayHavePrinted: row.may_have_printed === 1,
    createdBy: row.created_by_name,
    reprintOf: row.reprint_of,
    reprintReason: row.reprint_reason,
    createdAt: row.created_at,
    printedAt: row.printed_at,
    sizeBytes: row.size_bytes,
  };
}

export async function getJob(db: Executor, id: number): Promise<PrintJob | undefined> {
  const row = await jobQuery(db).where('print_jobs.id', '=', id).executeTakeFirst();
  return row && toJob(row);
}

export async function listJobs(
  db: Executor,
  query: { printerId?: number | undefined; documentKey?: string | undefined; limit: number },
): Promise<PrintJob[]> {
  let select = jobQuery(db).orderBy('print_jobs.id', 'desc').limit(query.limit);
  if (query.printerId !== undefined)
    select = select.where('print_jobs.printer_id', '=', query.printerId);
  if (query.documentKey !== undefined)
    select = select.where('print_jobs.document_key', '=', query.documentKey);
  return (await select.execute()).map(toJob);
}

export function findJobRow(db: Executor, id: number): Promise<PrintJobRow | undefined> {
  return db.selectFrom('print_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertJob(
  trx: Executor,
  job: {
    printerId: number;
    kind: PrintJobRow['kind'];
    documentKey: string;
    bytes: Buffer;
    createdBy: number | null;
    at: number;
    reprintOf?: number;
    reprintReason?: string;
  },
): Promise<number> {
  const row = await trx
    .insertInto('print_jobs')
    .values({
      printer_id: job.printerId,
      kind: job.kind,
      document_key: job.documentKey,
      bytes: job.bytes,
      state: 'queued',
      next_attempt_at: job.at,
      created_by: job.createdBy,
      reprint_of: job.reprintOf ?? null,
      reprint_reason: job.reprintReason ?? null,
      created_at: job.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The next job to send: the oldest queued job of each printer is that printer's head (a later
 * job never overtakes one waiting for a retry), and of the heads that are due, the oldest.
 */
export async function nextDueJob(db: Executor, at: number): Promise<PrintJobRow | undefined> {
  const heads = db
    .selectFrom('print_jobs')
    .select((eb) => eb.fn.min('id').as('id'))
    .where('state', '=', 'queued')
    .groupBy('printer_id');
  return db
    .selectFrom('print_jobs')
    .selectAll()
    .where('id', 'in', heads)
    .where('next_attempt_at', '<=', at)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** When the earliest waiting head becomes due, if any is waiting. */
export async function nextWakeAt(db: Executor): Promise<number | null> {
  const heads = db
    .selectFrom('print_jobs')
    .select((eb) => eb.fn.min('id').as('id'))
    .where('state', '=', 'queued')
    .groupBy('printer_id');
  const row = await db
    .selectFrom('print_jobs')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('id', 'in', heads)
    .executeTakeFirst();
  return row?.at ?? null;
}

/** After a crash: a job caught mid-send may have printed, so it fails and waits for a person. */
export async function failInterrupted(db: Executor): Promise<number> {
  const result = await db
    .updateTable('print_jobs')
    .set({
      state: 'failed',
      last_error: INTERRUPTED,
      last_error_code: 'interrupted',
      may_have_printed: 1,
    })
    .where('state', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
