import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../db/connection';
import { writeExclusive } from '../db/exclusive';
import type { AccountRow, OutboxRow } from '../db/schema';
import type { Logger } from '../logging/logger';
import { MarketplaceError, type Connector, type StockUpdate } from '../marketplace/connector';
import {
  createPostingWriter,
  setLocalState,
  type PostingConflict,
} from '../postings/postings.repo';
import {
  findAccount,
  listAccounts,
  recordAccountError,
  recordPullSuccess,
} from '../accounts/accounts.repo';
import { raiseAlerts } from './alerts.repo';
import { backoffMs } from './backoff';
import { readCursor, writeCursor } from './cursors.repo';
import {
  dueActions,
  queueStats,
  recoverInFlight,
  updateAction,
  type QueueStats,
} from './outbox.repo';
import { sendAction, verifyAction, type Outcome } from './push-action';

export type ConnectionState = 'unknown' | 'online' | 'offline' | 'auth_failed';

export interface AccountSyncStatus extends QueueStats {
  accountId: number;
  connection: ConnectionState;
  lastPullAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  nextPullAt: number | null;
  isSyncing: boolean;
}

export interface SyncEngineOptions {
  db: Db;
  sqlite: BetterSqlite3.Database;
  now: () => number;
  random: () => number;
  log: Logger;
  connectorFor(account: AccountRow): Connector;
  /** Tell every open screen that something changed (postings, sync status, alerts). */
  publish(domain: 'postings' | 'sync' | 'alerts' | 'products'): void;
  pullEveryMs?: number;
  /** How far back the first pull reaches. */
  initialWindowMs?: number;
  backoff?: { baseMs: number; capMs: number };
}

const DAY = 24 * 60 * 60 * 1000;
/** Re-read a little before the last high-water mark: marketplace clocks and pages are not exact. */
const PULL_OVERLAP_MS = 5 * 60 * 1000;
const STOCK_BATCH = 100;

/**
 * A marketplace that hands back a cursor it already gave in this pass would page forever: the
 * pass stops as a malformed reply and the next cycle starts it over.
 */
function nextCursor(seen: Set<string>, next: string | null): string | null {
  if (next === null) return null;
  if (seen.has(next))
    throw new MarketplaceError('malformed', 'The marketplace returned a page cursor twice');
  seen.add(next);
  return next;
}

interface AccountRuntime {
  connection: ConnectionState;
  nextPullAt: number | null;
  running: Promise<void> | null;
  /** A cycle asked for while one was running: it starts when that one ends. */
  queued: Promise<void> | null;
  queuedPull: boolean;
}

/**
 * The sync engine: pulls postings, products and warehouses from each account's marketplace and
 * pushes the outbox to it. One cycle at a time per account; never holds a transaction across
 * network I/O; every decision about an action is written before the next network call, so a
 * crash at any point leaves the outbox telling the truth (see `recoverInFlight`).
 */
export function createSyncEngine(options: SyncEngineOptions) {
  const { db, sqlite, now, log } = options;
  const backoff = options.backoff ?? { baseMs: 1_000, capMs: 5 * 60_000 };
  const pullEveryMs = options.pullEveryMs ?? 60_000;
  const upsertPostings = createPostingWriter(sqlite);
  const runtimes = new Map<number, AccountRuntime>();
  /** Time spent writing pulled postings to the database, apart from waiting on the network. */
  const ingestion = { postings: 0, ms: 0 };
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  function runtime(accountId: number): AccountRuntime {
    let state = runtimes.get(accountId);
    if (!state) {
      state = {
        connection: 'unknown',
        nextPullAt: null,
        running: null,
        queued: null,
        queuedPull: false,
      };
      runtimes.set(accountId, state);
    }
    return state;
  }

  function noteFailure(accountId: number, error: unknown) {
    const state = runtime(accountId);
    if (error instanceof MarketplaceError && error.kind === 'auth')
      state.connection = 'auth_failed';
    else if (error instanceof MarketplaceError && error.kind === 'rejected')
      state.connection = 'online';
    else state.connection = 'offline';
  }

  function delayFor(outcome: Outcome, attempts: number): number {
    if (!outcome.backoff) return outcome.retryAfterMs ?? 0;
    return backoffMs(attempts, {
      ...backoff,
      random: options.random,
      atLeastMs: outcome.retryAfterMs,
    });
  }

  async function applyOutcome(account: AccountRow, row: OutboxRow, outcome: Outcome) {
    const at = now();
    const conflicts: PostingConflict[] = [];
    await writeExclusive(db, sqlite, () => {
      if (outcome.posting) conflicts.push(...upsertPostings(account.id, [outcome.posting], at));
    });
    if (outcome.conflict) conflicts.push(outcome.conflict);
    await db.transaction().execute(async (trx) => {
      const finished = outcome.state === 'done' || outcome.state === 'rejected';
      await updateAction(trx, row.id, {
        state: outcome.state,
        next_attempt_at: at + delayFor(outcome, row.attempts),
        last_error: outcome.error?.message ?? (outcome.state === 'done' ? null : row.last_error),
        last_error_kind:
          outcome.error?.kind ?? (outcome.state === 'done' ? null : row.last_error_kind),
        finished_at: finished ? at : null,
      });
      const { postingNumber } = JSON.parse(row.payload) as { postingNumber?: string };
      if (
        postingNumber &&
        outcome.state === 'done' &&
        (row.action === 'ship' || row.action === 'cancel')
      ) {
        await setLocalState(trx, account.id, postingNumber, 'none');
      }
      if (conflicts.length) await raiseAlerts(trx, account.id, conflicts, at);
    });
    if (conflicts.length) options.publish('alerts');
    if (outcome.posting || outcome.state === 'done') options.publish('postings');
  }

  /** Marks a row in flight before it is sent: if we die now, it comes back as `uncertain`. */
  async function markInFlight(row: OutboxRow) {
    await updateAction(db, row.id, { state: 'in_flight', attempts: row.attempts + 1 });
    return { ...row, attempts: row.attempts + 1 };
  }

  async function pushStocks(account: AccountRow, connector: Connector, rows: OutboxRow[]) {
    const sent = await Promise.all(rows.map(markInFlight));
    const updates = sent.map((row) => JSON.parse(row.payload) as StockUpdate);
    let outcomes: Outcome[];
    try {
      const results = await connector.updateStocks(updates);
      outcomes = updates.map((update) => {
        const result = results.find(
          (r) => r.key.offerId === update.offerId && r.key.warehouseId === update.warehouseId,
        );
        if (!result)
          return {
            state: 'pending',
            backoff: true,
            error: { kind: 'malformed', message: 'No result for this item' },
          };
        if (result.ok) return { state: 'done' };
        const tooSoon = result.errors.some((e) => e.code === 'TOO_MANY_REQUESTS');
        const message = result.errors.map((e) => e.message || e.code).join('; ');
        // One change per pair every 30 s: wait and send again rather than give up.
        return tooSoon
          ? { state: 'pending', retryAfterMs: 30_000, error: { kind: 'rate_limited', message } }
          : { state: 'rejected', error: { kind: 'rejected', message } };
      });
    } catch (error) {
      noteFailure(account.id, error);
      const shared =
        error instanceof MarketplaceError && error.kind === 'uncertain'
          ? ({
              state: 'pending',
              retryAfterMs: 0,
              error: { kind: 'uncertain', message: error.message },
            } satisfies Outcome)
          : null;
      outcomes = sent.map(() => shared ?? sendFailure(error));
    }
    for (const [index, row] of sent.entries()) {
      const outcome = outcomes[index];
      if (outcome) await applyOutcome(account, row, outcome);
    }
  }

  function sendFailure(error: unknown): Outcome {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof MarketplaceError && error.kind === 'rejected') {
      return { state: 'rejected', error: { kind: 'rejected', message } };
    }
    const retryAfterMs = error instanceof MarketplaceError ? error.details.retryAfterMs : undefined;
    return {
      state: 'pending',
      backoff: true,
      retryAfterMs,
      error: { kind: error instanceof MarketplaceError ? error.kind : 'transient', message },
    };
  }

  /** Pushes every due action of one account; stops early when the marketplace is unreachable. */
  async function push(account: AccountRow, connector: Connector): Promise<void> {
    for (;;) {
      const rows = await dueActions(db, account.id, now(), 200);
      if (rows.length === 0) return;
      const stocks = rows.filter((row) => row.action === 'stock' && row.state === 'pending');
      for (let i = 0; i < stocks.length; i += STOCK_BATCH) {
        await pushStocks(account, connector, stocks.slice(i, i + STOCK_BATCH));
      }
      for (const row of rows) {
        if (row.action === 'stock' && row.state === 'pending') continue;
        let outcome: Outcome;
        if (row.state === 'pending') {
          const sent = await markInFlight(row);
          outcome = await sendAction(connector, sent);
          await applyOutcome(account, sent, outcome);
        } else {
          const checked = { ...row, attempts: row.attempts + 1 };
          await updateAction(db, row.id, { attempts: checked.attempts });
          outcome = await verifyAction(connector, checked);
          await applyOutcome(account, checked, outcome);
        }
        if (outcome.error && outcome.error.kind !== 'rejected') {
          noteFailure(
            account.id,
            new MarketplaceError(outcome.error.kind as never, outcome.error.message),
          );
        } else runtime(account.id).connection = 'online';
        // Unreachable or throttled: the rest of the queue waits for the next cycle.
        if (
          outcome.error &&
          ['transient', 'rate_limited', 'auth', 'malformed', 'uncertain'].includes(
            outcome.error.kind,
          )
        ) {
          options.publish('sync');
          return;
        }
      }
      options.publish('sync');
    }
  }

  async function pullPostings(account: AccountRow, connector: Connector) {
    const since = Number(
      (await readCursor(db, account.id, 'postings.changedSince')) ??
        now() - (options.initialWindowMs ?? 30 * DAY),
    );
    const until = now();
    let cursor: string | null = null;
    const seen = new Set<string>();
    let pages = 0;
    do {
      const page = await connector.listPostings({
        changedSince: Math.max(0, since - PULL_OVERLAP_MS),
        until,
        cursor,
      });
      const at = now();
      const started = performance.now();
      const conflicts = await writeExclusive(db, sqlite, () =>
        upsertPostings(account.id, page.items, at),
      );
      ingestion.ms += performance.now() - started;
      ingestion.postings += page.items.length;
      if (conflicts.length && (await raiseAlerts(db, account.id, conflicts, at)) > 0)
        options.publish('alerts');
      cursor = nextCursor(seen, page.next);
      pages++;
    } while (cursor);
    await writeCursor(db, account.id, 'postings.changedSince', String(until), now());
    if (pages) options.publish('postings');
  }

  async function pullCatalog(account: AccountRow, connector: Connector) {
    const at = now();
    // Keys expire (Ozon: 3 months); re-read the date so the warning appears in time.
    const credentials = await connector.checkCredentials();
    await db
      .updateTable('accounts')
      .set({ credentials_expire_at: credentials.expiresAt })
      .where('id', '=', account.id)
      .execute();
    if (connector.capabilities.warehouses) {
      const warehouses = await connector.listWarehouses();
      await writeExclusive(db, sqlite, () => {
        const upsert = sqlite.prepare(
          `INSERT INTO warehouses (account_id, warehouse_id, name, is_rfbs, status, raw) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (account_id, warehouse_id) DO UPDATE SET name = excluded.name, is_rfbs = excluded.is_rfbs, status = excluded.status, raw = excluded.raw`,
        );
        for (const w of warehouses)
          upsert.run(account.id, w.warehouseId, w.name, w.isRfbs ? 1 : 0, w.status, w.raw);
      });
    }
    if (!connector.capabilities.products) return;
    let cursor: string | null = null;
    const seen = new Set<string>();
    do {
      const page = await connector.listProducts(cursor);
      await writeExclusive(db, sqlite, () => {
        const upsert = sqlite.prepare(
          `INSERT INTO products (account_id, product_id, sku, offer_id, name, price_minor, currency, is_archived, image_url, raw, synced_at)
           VALUES (@accountId, @productId, @sku, @offerId, @name, @priceMinor, @currency, @isArchived, @imageUrl, @raw, @at)
           ON CONFLICT (account_id, product_id) DO UPDATE SET sku = excluded.sku, offer_id = excluded.offer_id, name = excluded.name,
             price_minor = excluded.price_minor, currency = excluded.currency, is_archived = excluded.is_archived,
             image_url = excluded.image_url, raw = excluded.raw, synced_at = excluded.synced_at`,
        );
        const clearBarcodes = sqlite.prepare(
          'DELETE FROM product_barcodes WHERE account_id = ? AND product_id = ?',
        );
        const addBarcode = sqlite.prepare(
          'INSERT OR IGNORE INTO product_barcodes (account_id, barcode, product_id) VALUES (?, ?, ?)',
        );
        for (const p of page.items) {
          upsert.run({ ...p, accountId: account.id, isArchived: p.isArchived ? 1 : 0, at });
          clearBarcodes.run(account.id, p.productId);
          for (const barcode of p.barcodes) addBarcode.run(account.id, barcode, p.productId);
        }
      });
      cursor = nextCursor(seen, page.next);
    } while (cursor);
    await writeCursor(db, account.id, 'catalog.pulledAt', String(at), now());
    options.publish('products');
  }

  async function cycle(accountId: number, { pull }: { pull: boolean }) {
    const account = await findAccount(db, accountId);
    if (!account) return;
    const state = runtime(accountId);
    const connector = options.connectorFor(account);
    try {
      await push(account, connector);
      if (!pull) return;
      const catalogAt = Number((await readCursor(db, accountId, 'catalog.pulledAt')) ?? 0);
      if (now() - catalogAt > 30 * 60_000) await pullCatalog(account, connector);
      await pullPostings(account, connector);
      await recordPullSuccess(db, accountId, now());
      state.connection = 'online';
      state.nextPullAt = now() + pullEveryMs;
    } catch (error) {
      noteFailure(accountId, error);
      const message = error instanceof Error ? error.message : String(error);
      await recordAccountError(db, accountId, message, now());
      log.warn({ accountId, err: error }, 'sync cycle failed');
      state.nextPullAt =
        now() + backoffMs(1, { ...backoff, random: options.random, atLeastMs: 5_000 });
    } finally {
      options.publish('sync');
    }
  }

  /**
   * Runs a cycle now, or right after the one already running: whoever asks gets a cycle that
   * started after the request, so "sync now" after a local change always includes it.
   */
  function run(accountId: number, pull: boolean): Promise<void> {
    // After stop the database is about to close: a late "push now" from a handler finds the
    // action in the outbox on the next start instead.
    if (stopped) return Promise.resolve();
    const state = runtime(accountId);
    if (state.running) {
      state.queuedPull ||= pull;
      state.queued ??= state.running.then(() => {
        const queuedPull = state.queuedPull;
        state.queued = null;
        state.queuedPull = false;
        return run(accountId, queuedPull);
      });
      return state.queued;
    }
    state.running = cycle(accountId, { pull }).finally(() => {
      state.running = null;
    });
    return state.running;
  }

  async function tick() {
    for (const account of await listAccounts(db)) {
      const state = runtime(account.id);
      if (state.running || state.queued) continue;
      const pullDue = state.nextPullAt === null || state.nextPullAt <= now();
      const pushDue = (await dueActions(db, account.id, now(), 1)).length > 0;
      if (pullDue || pushDue) void run(account.id, pullDue);
    }
  }

  return {
    /** Recovers from a crash (in-flight → uncertain) and starts the schedule. */
    async start(tickMs = 1_000) {
      stopped = false;
      const recovered = await recoverInFlight(db);
      if (recovered)
        log.warn({ recovered }, 'actions caught in flight by a crash will be read back');
      const safeTick = () =>
        void tick().catch((error: unknown) => log.error({ err: error }, 'sync tick failed'));
      // At once, not a tick later: a restart after a crash resumes the queue immediately.
      safeTick();
      timer = setInterval(safeTick, tickMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      // A queued cycle starts nothing once stopped (see `run`), so waiting for both is enough.
      await Promise.all([...runtimes.values()].flatMap((state) => [state.running, state.queued]));
    },
    /** Push what is due and pull now; resolves when done. */
    syncNow: (accountId: number) => run(accountId, true),
    /** Push what is due, without pulling. */
    pushNow: (accountId: number) => run(accountId, false),
    recoverInFlight: () => recoverInFlight(db),
    ingestionStats: () => ({ ...ingestion }),
    async status(accountId: number): Promise<AccountSyncStatus | null> {
      const account = await findAccount(db, accountId);
      if (!account) return null;
      const state = runtime(accountId);
      return {
        accountId,
        connection: state.connection,
        lastPullAt: account.last_pull_at,
        lastError: account.last_error,
        lastErrorAt: account.last_error_at,
        nextPullAt: state.nextPullAt,
        isSyncing: state.running !== null,
        ...(await queueStats(db, accountId)),
      };
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
