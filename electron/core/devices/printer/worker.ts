import type { Updateable } from 'kysely';
import type { Db } from '../../db/connection';
import type { PrintJobRow, PrintJobsTable } from '../../db/schema';
import type { Logger } from '../../logging/logger';
import { backoffMs } from '../../lib/backoff';
import { failInterrupted, findPrinter, nextDueJob, nextWakeAt } from './queue.repo';
import { createPassLoop } from '../../lib/pass-loop';
import { addressOf, readPrinterStatus } from './status';
import { DEFAULT_TIMEOUTS, sendBytes, TransportError, type TransportTimeouts } from './transport';

export interface PrintWorkerOptions {
  db: Db;
  now: () => number;
  random: () => number;
  log: Logger;
  /**
   * Tell the screens that jobs changed (`printing.changed`). Only tells: the worker is woken by
   * `wake`, called by whoever queues a job or changes a printer.
   */
  publish(): void;
  timeouts?: Partial<TransportTimeouts>;
  backoff?: { baseMs: number; capMs: number };
  /** Tries on an unreachable printer before the job fails. */
  maxAttempts?: number;
}

export interface PrintWorker {
  /** Fails jobs a crash caught mid-send, then starts sending. */
  start(): Promise<void>;
  /** Stops at once: a send in progress is abandoned and its job left `sending` (see start). */
  stop(): Promise<void>;
  /** Look for due jobs now (after a job was queued or a printer changed). */
  wake(): void;
  /** Resolves when no pass is running or asked for: for tests and orderly shutdown. */
  idle(): Promise<void>;
}

/**
 * Sends the print queue, one job at a time, oldest first per printer. Like the sync engine it
 * never holds a transaction across I/O and writes each decision before the next network step:
 * a job is committed as `sending` before its first byte leaves, so after a crash the queue
 * still tells the truth and nothing that may have printed is sent again by itself.
 *
 * A job is `printed` only when the transport took every byte and, for a printer that reports
 * its status, the printer then said it has no error.
 */
export function createPrintWorker(options: PrintWorkerOptions): PrintWorker {
  const { db, now, log } = options;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const backoff = options.backoff ?? { baseMs: 1_000, capMs: 60_000 };
  const maxAttempts = options.maxAttempts ?? 8;
  const loop = createPassLoop(pass, (error) =>
    log.error({ err: error }, 'print queue pass failed'),
  );
  let timer: NodeJS.Timeout | null = null;
  let abort = new AbortController();

  async function update(row: PrintJobRow, set: Updateable<PrintJobsTable>) {
    if (loop.stopped) return;
    await db.updateTable('print_jobs').set(set).where('id', '=', row.id).execute();
    options.publish();
  }

  async function unreachable(row: PrintJobRow, message: string) {
    const attempts = row.attempts + 1;
    if (attempts >= maxAttempts) {
      await update(row, {
        state: 'failed',
        attempts,
        last_error: `Printer unreachable after ${attempts} tries: ${message}`,
        last_error_code: 'unreachable',
      });
      return;
    }
    const wait = backoffMs(attempts, {
      ...backoff,
      random: options.random,
      atLeastMs: backoff.baseMs,
    });
    await update(row, {
      state: 'queued',
      attempts,
      last_error: `Printer unreachable, trying again: ${message}`,
      last_error_code: 'unreachable',
      next_attempt_at: now() + wait,
    });
  }

  async function send(row: PrintJobRow) {
    const printer = await findPrinter(db, row.printer_id);
    if (!printer) {
      await update(row, {
        state: 'failed',
        last_error: 'The printer was removed',
        last_error_code: 'printer_removed',
      });
      return;
    }
    const signal = abort.signal;
    const checks = printer.reports_status === 1 && printer.transport === 'tcp';
    if (checks) {
      const before = await readPrinterStatus(printer, timeouts, signal);
      if (before.unreachable) return unreachable(row, before.reason ?? 'no connection');
      if (before.state !== 'ready' && before.state !== 'unknown') {
        // Nothing was sent: a person fixes the printer and presses retry.
        await update(row, {
          state: 'failed',
          attempts: row.attempts + 1,
          last_error: before.reason,
          last_error_code: before.reasonCode,
        });
        return;
      }
    }
    // Committed before the first byte leaves: from here on, the label may come out.
    await update(row, {
      state: 'sending',
      attempts: row.attempts + 1,
      last_error: null,
      last_error_code: null,
    });
    try {
      await sendBytes(addressOf(printer), row.bytes, timeouts, signal);
    } catch (error) {
      if (loop.stopped) return;
      if (error instanceof TransportError && error.phase === 'connect') {
        return unreachable(row, error.message);
      }
      if (error instanceof TransportError && error.phase === 'rejected') {
        await update(row, {
          state: 'failed',
          last_error: error.message,
          last_error_code: error.code,
        });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      await update(row, {
        state: 'failed',
        may_have_printed: 1,
        last_error: `Connection lost while sending (${message}); reprint if the label did not come out`,
        last_error_code: error instanceof TransportError ? error.code : 'connection_lost',
      });
      return;
    }
    if (checks) {
      const after = await readPrinterStatus(printer, timeouts, signal);
      if (loop.stopped) return;
      if (after.state !== 'ready') {
        const unconfirmed = after.state === 'unknown' || after.unreachable;
        const reason = unconfirmed
          ? 'The printer took the job but did not confirm it'
          : after.reason;
        await update(row, {
          state: 'failed',
          may_have_printed: 1,
          last_error: `${reason}; reprint if the label did not come out`,
          last_error_code: unconfirmed ? 'not_confirmed' : after.reasonCode,
        });
        return;
      }
    }
    await update(row, {
      state: 'printed',
      printed_at: now(),
      last_error: null,
      last_error_code: null,
    });
  }

  async function pass() {
    while (!loop.stopped) {
      const row = await nextDueJob(db, now());
      if (!row) break;
      try {
        await send(row);
      } catch (error) {
        if (loop.stopped) return;
        log.error({ err: error, jobId: row.id }, 'print job failed unexpectedly');
        await update(row, {
          state: 'failed',
          may_have_printed: 1,
          last_error: 'Packdesk could not send this job; reprint if the label did not come out',
          last_error_code: 'internal_error',
        });
      }
      // A batch of hundreds of labels must not starve scans and API calls.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!loop.stopped) await schedule();
  }

  async function schedule() {
    if (timer) clearTimeout(timer);
    timer = null;
    const at = await nextWakeAt(db);
    if (at === null || loop.stopped) return;
    timer = setTimeout(loop.wake, Math.max(50, at - now()));
    timer.unref?.();
  }

  return {
    async start() {
      const interrupted = await failInterrupted(db);
      if (interrupted) {
        log.warn({ interrupted }, 'print jobs caught mid-send were marked failed');
        options.publish();
      }
      abort = new AbortController();
      loop.start();
    },
    async stop() {
      const ended = loop.stop();
      if (timer) clearTimeout(timer);
      timer = null;
      abort.abort();
      await ended;
    },
    wake: loop.wake,
    idle: loop.idle,
  };
}
