import type { EventBus } from '../lib/event-bus';
import type { Db } from '../db/connection';
import type { AccountRow, MarketplaceLabelRow } from '../db/schema';
import type { Logger } from '../logging/logger';
import { MarketplaceError, type Connector } from '../marketplace/connector';
import { backoffMs } from '../lib/backoff';
import { marketplaceLabelBytes, queueMarketplaceLabelJob } from './label-cache';
import { createPassLoop } from '../lib/pass-loop';
import { profileOf } from '../devices/printer/profile';
import { findPrinter } from '../devices/printer/queue.repo';

export interface LabelPrefetchOptions {
  db: Db;
  now: () => number;
  random: () => number;
  log: Logger;
  events: EventBus;
  /** Sends a label job queued on arrival now, rather than at the print queue's next timer. */
  wakePrinter(): void;
  connectorFor(account: AccountRow): Connector;
  /** How often to look for postings that became ready for a label (default 30 s). */
  intervalMs?: number;
  backoff?: { baseMs: number; capMs: number };
}

export interface LabelPrefetch {
  start(): void;
  stop(): Promise<void>;
  /** Look now (after a pull changed postings, or a completion asked for a label). */
  wake(): void;
  /** Resolves when no pass is running: for tests and orderly shutdown. */
  idle(): Promise<void>;
}

/** Labels fetched per pass, so one pass never holds the marketplace for long. */
const BATCH = 10;

/**
 * Fetches the marketplace's label PDF for every posting that is ready for one (Ozon:
 * `awaiting_deliver`, our `packed`) and caches it in SQLite, so labels print and reprint
 * without the network. A label someone is already waiting for is queued on their printer the
 * moment it arrives. Never holds a transaction across a marketplace call.
 */
export function createLabelPrefetch(options: LabelPrefetchOptions): LabelPrefetch {
  const { db, now, log } = options;
  const backoff = options.backoff ?? { baseMs: 5_000, capMs: 10 * 60_000 };
  const loop = createPassLoop(pass, (error) =>
    log.error({ err: error }, 'label prefetch pass failed'),
  );
  let timer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;

  async function enrol(at: number) {
    // Postings that became ready for a label and have no cache row yet.
    await db
      .insertInto('marketplace_labels')
      .columns(['account_id', 'posting_number', 'state', 'next_attempt_at', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('postings')
          .innerJoin('accounts', 'accounts.id', 'postings.account_id')
          .select((s) => [
            'postings.account_id',
            'postings.posting_number',
            s.val('pending').as('state'),
            s.val(at).as('next_attempt_at'),
            s.val(at).as('created_at'),
          ])
          .where('postings.status', '=', 'packed')
          .where((w) =>
            w.not(
              w.exists(
                w
                  .selectFrom('marketplace_labels as m')
                  .select('m.posting_number')
                  .whereRef('m.account_id', '=', 'postings.account_id')
                  .whereRef('m.posting_number', '=', 'postings.posting_number'),
              ),
            ),
          ),
      )
      .execute();
  }

  async function fetchOne(row: MarketplaceLabelRow) {
    const account = await db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', row.account_id)
      .executeTakeFirst();
    if (!account) return;
    const connector = options.connectorFor(account);
    if (!connector.capabilities.labels) {
      await db
        .updateTable('marketplace_labels')
        .set({ state: 'failed', last_error: 'This marketplace gives no labels' })
        .where('account_id', '=', row.account_id)
        .where('posting_number', '=', row.posting_number)
        .execute();
      return;
    }
    try {
      const result = await connector.getLabel(row.posting_number, row.task_id);
      if (loop.stopped) return;
      if (result.state === 'pending') {
        await db
          .updateTable('marketplace_labels')
          .set({ task_id: result.taskId, next_attempt_at: now() + result.retryAfterMs })
          .where('account_id', '=', row.account_id)
          .where('posting_number', '=', row.posting_number)
          .execute();
        return;
      }
      await storeLabel(row, Buffer.from(result.pdf));
    } catch (error) {
      if (loop.stopped) return;
      const message = error instanceof Error ? error.message : String(error);
      const final = error instanceof MarketplaceError && error.kind === 'rejected';
      const attempts = row.attempts + 1;
      await db
        .updateTable('marketplace_labels')
        .set({
          state: final ? 'failed' : 'pending',
          attempts,
          last_error: message,
          next_attempt_at:
            now() +
            backoffMs(attempts, { ...backoff, random: options.random, atLeastMs: backoff.baseMs }),
        })
        .where('account_id', '=', row.account_id)
        .where('posting_number', '=', row.posting_number)
        .execute();
      log.warn({ postingNumber: row.posting_number, err: message }, 'label fetch failed');
    }
  }

  /**
   * Caches a fetched label and queues it for whoever asked for it on arrival. The request is
   * read inside the transaction that stores the label, not taken from the row read before the
   * network call: a posting completed during the fetch asks for its label then, and that request
   * must print, not be wiped. Bytes are rendered outside any transaction, so a request for a
   * printer other than the one rendered for stores the label, keeps the request and renders
   * again; once a label is ready, completion queues it itself and adds no new request.
   */
  async function storeLabel(row: MarketplaceLabelRow, pdf: Buffer) {
    let rendered = await renderFor(row.print_on_arrival_printer_id, pdf);
    for (;;) {
      const held = rendered;
      const outcome = await db.transaction().execute(async (trx) => {
        const request = await trx
          .selectFrom('marketplace_labels')
          .select(['print_on_arrival_printer_id as printerId', 'print_on_arrival_by as userId'])
          .where('account_id', '=', row.account_id)
          .where('posting_number', '=', row.posting_number)
          .executeTakeFirst();
        const printerId = request?.printerId ?? null;
        const stale = printerId !== null && held?.printerId !== printerId;
        await trx
          .updateTable('marketplace_labels')
          .set({
            state: 'ready',
            pdf,
            fetched_at: now(),
            last_error: null,
            task_id: null,
            ...(stale ? {} : { print_on_arrival_printer_id: null, print_on_arrival_by: null }),
          })
          .where('account_id', '=', row.account_id)
          .where('posting_number', '=', row.posting_number)
          .execute();
        if (stale) return { renderFor: printerId };
        if (printerId === null || !held?.job) return { queued: false };
        await queueMarketplaceLabelJob(trx, {
          ...held.job,
          postingNumber: row.posting_number,
          userId: request?.userId ?? null,
          at: now(),
        });
        return { queued: true };
      });
      if ('renderFor' in outcome) {
        rendered = await renderFor(outcome.renderFor, pdf);
        continue;
      }
      if (outcome.queued) {
        options.wakePrinter();
        options.events.publish('printing');
      }
      return;
    }
  }

  /** The label's bytes for the printer a request names; no job if that printer was removed. */
  async function renderFor(printerId: number | null, pdf: Buffer) {
    if (printerId === null) return null;
    const printer = await findPrinter(db, printerId);
    // Rasterising is the slow part, so it never runs inside a transaction.
    const job = printer
      ? { printer, bytes: await marketplaceLabelBytes(profileOf(printer), pdf) }
      : null;
    return { printerId, job };
  }

  async function pass() {
    const at = now();
    await enrol(at);
    const due = await db
      .selectFrom('marketplace_labels')
      .selectAll()
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', at)
      // Labels someone waits for first, then oldest.
      .orderBy((eb) =>
        eb.case().when('print_on_arrival_printer_id', 'is not', null).then(0).else(1).end(),
      )
      .orderBy('created_at')
      .limit(BATCH)
      .execute();
    for (const row of due) {
      if (loop.stopped) return;
      await fetchOne(row);
    }
    // A full batch: more may be due, so another pass follows this one.
    if (due.length === BATCH) loop.wake();
    await schedule();
  }

  async function schedule() {
    if (loop.stopped) return;
    if (timer) clearTimeout(timer);
    const next = await db
      .selectFrom('marketplace_labels')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('state', '=', 'pending')
      .executeTakeFirst();
    const interval = options.intervalMs ?? 30_000;
    const wait = next?.at == null ? interval : Math.min(interval, Math.max(50, next.at - now()));
    timer = setTimeout(loop.wake, wait);
    timer.unref?.();
  }

  return {
    start() {
      unsubscribe ??= options.events.subscribe((event) => {
        if (event.name === 'postings.changed') loop.wake();
      });
      loop.start();
    },
    async stop() {
      const ended = loop.stop();
      unsubscribe?.();
      unsubscribe = null;
      if (timer) clearTimeout(timer);
      timer = null;
      await ended;
    },
    wake: loop.wake,
    idle: loop.idle,
  };
}
