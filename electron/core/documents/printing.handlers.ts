import type { Printer } from '../../../shared/schemas/printing.schema';
import { requireSession, type HandlerMap } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import { renderTestPage } from './documents';
import {
  findJobRow,
  findPrinter,
  insertJob,
  labelPrinter,
  listJobs,
  listPrinters,
  toPrinter,
} from '../devices/printer/queue.repo';
import { profileOf } from '../devices/printer/profile';
import { readPrinterStatus } from '../devices/printer/status';
import { DEFAULT_TIMEOUTS } from '../devices/printer/transport';
import { stationDate } from '../lib/clocks';
import { queuePostingLabel } from './package-label';
import { jobOrFail, printerOrFail } from './printers';

type PrintingMethods =
  | 'printers.list'
  | 'printers.save'
  | 'printers.remove'
  | 'printers.status'
  | 'printers.testPage'
  | 'printing.printPostingLabel'
  | 'printing.jobs'
  | 'printing.reprint'
  | 'printing.retry';

export const printingHandlers: HandlerMap<PrintingMethods> = {
  'printers.list': async (_input, ctx) => (await listPrinters(ctx.db)).map(toPrinter),

  'printers.save': async (input, ctx): Promise<Printer> => {
    const at = ctx.now();
    const values = {
      name: input.name,
      transport: input.transport,
      host: input.transport === 'tcp' ? (input.host ?? null) : null,
      port: input.transport === 'tcp' ? input.port : null,
      device_path: input.transport === 'device' ? (input.devicePath ?? null) : null,
      os_queue: input.transport === 'os' ? (input.osQueue ?? null) : null,
      language: input.language,
      paper: input.paper,
      dpi: input.dpi,
      code_page: input.codePage,
      for_labels: input.usage.labels ? 1 : 0,
      for_receipts: input.usage.receipts ? 1 : 0,
      for_pick_lists: input.usage.pickLists ? 1 : 0,
      reports_status: input.reportsStatus ? 1 : 0,
      label_source: input.labelSource,
      packing_slip_on_complete: input.packingSlipOnComplete ? 1 : 0,
      updated_at: at,
    } as const;
    const clash = await ctx.db
      .selectFrom('printers')
      .select('id')
      .where('name', '=', input.name)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (clash && clash.id !== input.printerId) {
      throw new ApiFailure('conflict', `A printer named ${input.name} already exists`, {
        fields: { name: 'taken' },
      });
    }
    const id = await ctx.write(async (trx) => {
      if (input.printerId === undefined) {
        const row = await trx
          .insertInto('printers')
          .values({ ...values, created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      }
      const result = await trx
        .updateTable('printers')
        .set(values)
        .where('id', '=', input.printerId)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      if (!result.numUpdatedRows)
        throw new ApiFailure('not_found', `No printer ${input.printerId}`);
      return input.printerId;
    });
    return toPrinter(await printerOrFail(ctx, id));
  },

  'printers.remove': async ({ printerId }, ctx) => {
    await printerOrFail(ctx, printerId);
    await ctx.write(async (trx) => {
      const at = ctx.now();
      await trx
        .updateTable('printers')
        .set({ removed_at: at, updated_at: at })
        .where('id', '=', printerId)
        .execute();
      await trx
        .updateTable('print_jobs')
        .set({
          state: 'failed',
          last_error: 'The printer was removed',
          last_error_code: 'printer_removed',
        })
        .where('printer_id', '=', printerId)
        .where('state', '=', 'queued')
        .execute();
    });
    return {};
  },

  'printers.status': async ({ printerId }, ctx) => {
    const printer = await printerOrFail(ctx, printerId);
    const report = await readPrinterStatus(printer, DEFAULT_TIMEOUTS);
    return {
      printerId,
      state: report.state,
      reason: report.reason,
      reasonCode: report.reasonCode,
      checkedAt: ctx.now(),
    };
  },

  'printers.testPage': async ({ printerId }, ctx) => {
    const session = requireSession(ctx);
    const printer = await printerOrFail(ctx, printerId);
    const bytes = renderTestPage(profileOf(printer), stationDate(ctx.now()));
    const id = await ctx.write((trx) =>
      insertJob(trx, {
        printerId,
        kind: 'test_page',
        documentKey: printer.name,
        bytes,
        createdBy: session.user.id,
        at: ctx.now(),
      }),
    );
    return jobOrFail(ctx, id);
  },

  'printing.printPostingLabel': async ({ postingNumber, printerId }, ctx) => {
    const session = requireSession(ctx);
    const printer =
      printerId === undefined ? await labelPrinter(ctx.db) : await printerOrFail(ctx, printerId);
    if (!printer) {
      throw new ApiFailure('invalid_state', 'No printer is marked for shipping labels');
    }
    const id = await queuePostingLabel(ctx, printer, postingNumber, session.user.id);
    return jobOrFail(ctx, id);
  },

  'printing.jobs': (input, ctx) => listJobs(ctx.db, input),

  'printing.reprint': async ({ jobId, reason }, ctx) => {
    const session = requireSession(ctx);
    const id = await ctx.write(async (trx) => {
      const original = await findJobRow(trx, jobId);
      if (!original) throw new ApiFailure('not_found', `No print job ${jobId}`);
      if (original.state === 'queued' || original.state === 'sending') {
        throw new ApiFailure('invalid_state', 'This job has not finished yet');
      }
      const printer = await findPrinter(trx, original.printer_id);
      if (!printer) throw new ApiFailure('invalid_state', 'The printer of this job was removed');
      return insertJob(trx, {
        printerId: original.printer_id,
        kind: original.kind,
        documentKey: original.document_key,
        bytes: original.bytes,
        createdBy: session.user.id,
        at: ctx.now(),
        reprintOf: original.id,
        reprintReason: reason,
      });
    });
    return jobOrFail(ctx, id);
  },

  'printing.retry': async ({ jobId }, ctx) => {
    await ctx.write(async (trx) => {
      const job = await findJobRow(trx, jobId);
      if (!job) throw new ApiFailure('not_found', `No print job ${jobId}`);
      if (job.state !== 'failed')
        throw new ApiFailure('invalid_state', 'Only a failed job can be retried');
      if (job.may_have_printed) {
        throw new ApiFailure(
          'invalid_state',
          'This job may have printed; reprint it with a reason',
        );
      }
      if (!(await findPrinter(trx, job.printer_id))) {
        throw new ApiFailure('invalid_state', 'The printer of this job was removed');
      }
      await trx
        .updateTable('print_jobs')
        .set({
          state: 'queued',
          attempts: 0,
          last_error: null,
          last_error_code: null,
          next_attempt_at: ctx.now(),
        })
        .where('id', '=', jobId)
        .execute();
    });
    return jobOrFail(ctx, jobId);
  },
};
