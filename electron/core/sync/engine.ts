import type BetterSqlite3 from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FailureKind } from '../../../shared/domain/postings';
import { SYNC_RESOURCES, type SyncResource } from '../../../shared/schemas/sync.schema';
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
import { createProductWriter } from '../products/products.repo';
import { raiseAlerts } from '../postings/alerts.repo';
import { backoffMs } from '../lib/backoff';
import { readCursor, writeCursor } from './cursors.repo';
import { dueActions, queueStats, recoverInFlight, updateAction } from '../outbox/outbox.repo';
import type { AccountSyncStatus, ConnectionState } from '../handler/ports';
import { sendAction, verifyAction, type Outcome } from './push-action';

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
/** The catalogue (key expiry, warehouses, products) changes rarely. */
const CATALOG_EVERY_MS = 30 * 60_000;
/** Where each resource keeps its high-water mark across restarts. */
const CURSORS: Record<SyncResource, string> = {
  credentials: 'credentials.checkedAt',
  warehouses: 'warehouses.pulledAt',
  products: 'products.pulledAt',
  postings: 'postings.changedSince',
};
/**
 * A 429 asking for at most this long is waited out inside the cycle, at most this many times in
 * a row for one call: the pass keeps its page cursor and "sync now" comes back with the data. A
 * longer wait, or a marketplace that keeps saying "slow down", moves the resource to a later cycle.
 */
const WAIT_IN_CYCLE_MAX_MS = 5_000;
const WAITS_IN_CYCLE_MAX = 3;
/** The least wait after a failure that named no time (what a failed cycle waited before). */
const FAILURE_WAIT_MIN_MS = 5_000;

/**
 * What a cycle does: only push the outbox; also pull the resources that are due; or pull now
 * (postings always, and anything backing off after a failure, but never before a Retry-After).
 */
type CycleMode = 'push' | 'due' | 'now';
const MODE_RANK: Record<CycleMode, number> = { push: 0, due: 1, now: 2 };
type PullResult = 'pulled' | 'skipped' | FailureKind;

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

/** One resource's schedule and backoff; in memory, beside its persisted cursor. */
interface ResourceRuntime {
  /** When it is fetched next; null until known (after a start, the cursor tells). */
  dueAt: number | null;
  /** Failures in a row, for the backoff. */
  failures: number;
  /** The failure it is waiting out, until it is fetched again. */
  problem: {
    kind: FailureKind;
    message: string;
    at: number;
    /** The marketplace's Retry-After ran out at this time; null when it named none. */
    retryAt: number | null;
    until: number;
  } | null;
}

interface AccountRuntime {
  connection: ConnectionState;
  resources: Record<SyncResource, ResourceRuntime>;
  running: Promise<void> | null;
  /** A cycle asked for while one was running: it starts when that one ends. */
  queued: Promise<void> | null;
  queuedMode: CycleMode;
}

/** What this cycle's pulls say about the connection; null when none was tried. */
function connectionAfter(results: PullResult[]): ConnectionState | null {
  const failures = results.filter((result) => result !== 'pulled' && result !== 'skipped');
  if (failures.includes('auth')) return 'auth_failed';
  // A 429 or a refusal is an answer: the marketplace is there.
  if (
    results.includes('pulled') ||
    failures.some((kind) => kind === 'rate_limited' || kind === 'rejected')
  )
    return 'online';
  return failures.length > 0 ? 'offline' : null;
}

/**
 * The sync engine: pulls postings, products and warehouses from each account's marketplace and
 * pushes the outbox to it. One cycle at a time per account; within it the resources are pulled
 * side by side, each with its own cursor, schedule and backoff, so one that waits out a 429 or
 * fails holds back no other. Never holds a transaction across network I/O; every decision about
 * an action is written before the next network call, so a crash at any point leaves the outbox
 * telling the truth (see `recoverInFlight`).
 */
export function createSyncEngine(options: SyncEngineOptions) {
  const { db, sqlite, now, log } = options;
  const backoff = options.backoff ?? { baseMs: 1_000, capMs: 5 * 60_000 };
  const pullEveryMs = options.pullEveryMs ?? 60_000;
  const upsertPostings = createPostingWriter(sqlite);
  const writeProducts = createProductWriter(sqlite);
  const runtimes = new Map<number, AccountRuntime>();
  /** Time spent writing pulled postings to the database, apart from waiting on the network. */
  const ingestion = { postings: 0, ms: 0 };
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  /** Cuts short the waits inside a cycle when the engine stops. */
  let stopping = new AbortController();

  function runtime(accountId: number): AccountRuntime {
    let state = runtimes.get(accountId);
    if (!state) {
      const resources = Object.fromEntries(
        SYNC_RESOURCES.map((resource) => [resource, { dueAt: null, failures: 0, problem: null }]),
      ) as Record<SyncResource, ResourceRuntime>;
      state = { connection: 'unknown', resources, running: null, queued: null, queuedMode: 'push' };
      runtimes.set(accountId, state);
    }
    return state;
  }

  function noteFailure(accountId: number, error: unknown) {
    const state = runtime(accountId);
    if (error instanceof MarketplaceError && error.kind === 'auth')
      state.connection = 'auth_failed';
    else if (
      error instanceof MarketplaceError &&
      (error.kind === 'rejected' || error.kind === 'rate_limited')
    )
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
        // A refusal or a failed ship is an answer: the marketplace is reachable.
        if (outcome.error && !['rejected', 'ship_failed'].includes(outcome.error.kind)) {
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

  /**
   * One marketplace call of a resource's pass. A 429 with a short Retry-After is waited out
   * here, so the pass keeps its page cursor and the cycle still finishes it; meanwhile the
   * resource shows as waiting and the other resources go on. Anything else ends the pass.
   */
  async function patiently<T>(
    accountId: number,
    resource: SyncResource,
    call: () => Promise<T>,
  ): Promise<T> {
    for (let waits = 0; ; waits++) {
      try {
        return await call();
      } catch (error) {
        const retryAfterMs =
          error instanceof MarketplaceError && error.kind === 'rate_limited'
            ? error.details.retryAfterMs
            : undefined;
        if (
          retryAfterMs === undefined ||
          retryAfterMs > WAIT_IN_CYCLE_MAX_MS ||
          waits >= WAITS_IN_CYCLE_MAX ||
          stopping.signal.aborted
        )
          throw error;
        const at = now();
        runtime(accountId).resources[resource].problem = {
          kind: 'rate_limited',
          message: (error as Error).message,
          at,
          retryAt: at + retryAfterMs,
          until: at + retryAfterMs,
        };
        options.publish('sync');
        try {
          await sleep(retryAfterMs, undefined, { signal: stopping.signal });
        } catch {
          // Stopping: the resource keeps its 429 and is fetched after the next start.
          throw error;
        }
      }
    }
  }

  async function pullCredentials(account: AccountRow, connector: Connector) {
    // Keys expire (Ozon: 3 months); re-read the date so the warning appears in time.
    const credentials = await patiently(account.id, 'credentials', () =>
      connector.checkCredentials(),
    );
    await db
      .updateTable('accounts')
      .set({ credentials_expire_at: credentials.expiresAt })
      .where('id', '=', account.id)
      .execute();
  }

  async function pullWarehouses(account: AccountRow, connector: Connector) {
    if (!connector.capabilities.warehouses) return;
    const warehouses = await patiently(account.id, 'warehouses', () => connector.listWarehouses());
    await writeExclusive(db, sqlite, () => {
      const upsert = sqlite.prepare(
        `INSERT INTO warehouses (account_id, warehouse_id, name, is_rfbs, status, raw) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, warehouse_id) DO UPDATE SET name = excluded.name, is_rfbs = excluded.is_rfbs, status = excluded.status, raw = excluded.raw`,
      );
      for (const w of warehouses)
        upsert.run(account.id, w.warehouseId, w.name, w.isRfbs ? 1 : 0, w.status, w.raw);
    });
  }

  async function pullProducts(account: AccountRow, connector: Connector) {
    if (!connector.capabilities.products) return;
    let cursor: string | null = null;
    const seen = new Set<string>();
    do {
      const pageCursor = cursor;
      const page = await patiently(account.id, 'products', () =>
        connector.listProducts(pageCursor),
      );
      const at = now();
      const withoutSku = await writeExclusive(db, sqlite, () =>
        writeProducts(account.id, page.items, at),
      );
      // Shown in the account's sync status (productsWithoutSku) for as long as it lasts.
      for (const product of withoutSku) {
        log.warn(
          { accountId: account.id, productId: product.productId, offerId: product.offerId },
          'the marketplace gave this product no SKU: its postings cannot be matched to it',
        );
      }
      cursor = nextCursor(seen, page.next);
    } while (cursor);
    options.publish('products');
  }

  async function pullPostings(account: AccountRow, connector: Connector) {
    const since = Number(
      (await readCursor(db, account.id, CURSORS.postings)) ??
        now() - (options.initialWindowMs ?? 30 * DAY),
    );
    const until = now();
    let cursor: string | null = null;
    const seen = new Set<string>();
    let pages = 0;
    do {
      const query = { changedSince: Math.max(0, since - PULL_OVERLAP_MS), until, cursor };
      const page = await patiently(account.id, 'postings', () => connector.listPostings(query));
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
    await writeCursor(db, account.id, CURSORS.postings, String(until), now());
    if (pages) options.publish('postings');
  }

  const PASSES: Record<SyncResource, (account: AccountRow, connector: Connector) => Promise<void>> =
    {
      credentials: pullCredentials,
      warehouses: pullWarehouses,
      products: pullProducts,
      postings: pullPostings,
    };

  async function isDue(accountId: number, resource: SyncResource, mode: CycleMode) {
    if (mode === 'push') return false;
    const state = runtime(accountId).resources[resource];
    if (mode === 'now') {
      // "Sync now" skips our own backoff, never the marketplace's Retry-After.
      if (state.problem?.retryAt && state.problem.retryAt > now()) return false;
      if (state.problem || resource === 'postings') return true;
    }
    state.dueAt ??=
      resource === 'postings'
        ? now()
        : Number((await readCursor(db, accountId, CURSORS[resource])) ?? 0) + CATALOG_EVERY_MS;
    return state.dueAt <= now();
  }

  /** Runs one resource's pass if it is due; its failure is its own, never the cycle's. */
  async function pullResource(
    account: AccountRow,
    connector: Connector,
    resource: SyncResource,
    mode: CycleMode,
  ): Promise<PullResult> {
    if (!(await isDue(account.id, resource, mode))) return 'skipped';
    const state = runtime(account.id).resources[resource];
    const started = now();
    try {
      await PASSES[resource](account, connector);
      if (resource !== 'postings')
        await writeCursor(db, account.id, CURSORS[resource], String(started), now());
      state.failures = 0;
      state.problem = null;
      state.dueAt = now() + (resource === 'postings' ? pullEveryMs : CATALOG_EVERY_MS);
      return 'pulled';
    } catch (error) {
      state.failures += 1;
      const kind: FailureKind = error instanceof MarketplaceError ? error.kind : 'transient';
      const message = error instanceof Error ? error.message : String(error);
      const retryAfterMs =
        error instanceof MarketplaceError ? error.details.retryAfterMs : undefined;
      const at = now();
      const until =
        at +
        backoffMs(state.failures, {
          ...backoff,
          random: options.random,
          atLeastMs:
            kind === 'rate_limited'
              ? retryAfterMs
              : Math.max(FAILURE_WAIT_MIN_MS, retryAfterMs ?? 0),
        });
      state.problem = {
        kind,
        message,
        at,
        retryAt: retryAfterMs === undefined ? null : at + retryAfterMs,
        until,
      };
      state.dueAt = until;
      await recordAccountError(db, account.id, message, at);
      log.warn({ accountId: account.id, resource, err: error }, 'sync pull failed');
      return kind;
    }
  }

  async function cycle(accountId: number, mode: CycleMode) {
    const account = await findAccount(db, accountId);
    if (!account) return;
    const state = runtime(accountId);
    const connector = options.connectorFor(account);
    try {
      await push(account, connector);
      if (mode === 'push') return;
      const results = await Promise.all(
        SYNC_RESOURCES.map((resource) => pullResource(account, connector, resource, mode)),
      );
      state.connection = connectionAfter(results) ?? state.connection;
      if (results[SYNC_RESOURCES.indexOf('postings')] === 'pulled') {
        await recordPullSuccess(db, accountId, now());
        // Postings are current, but a resource still waiting keeps its error in view.
        const [latest] = SYNC_RESOURCES.flatMap((r) => state.resources[r].problem ?? []).sort(
          (a, b) => b.at - a.at,
        );
        if (latest) await recordAccountError(db, accountId, latest.message, latest.at);
      }
    } catch (error) {
      // The outbox or the database failed; the pulls keep their failures to themselves.
      noteFailure(accountId, error);
      const message = error instanceof Error ? error.message : String(error);
      await recordAccountError(db, accountId, message, now());
      log.warn({ accountId, err: error }, 'sync cycle failed');
    } finally {
      options.publish('sync');
    }
  }

  /**
   * Runs a cycle now, or right after the one already running: whoever asks gets a cycle that
   * started after the request, so "sync now" after a local change always includes it.
   */
  function run(accountId: number, mode: CycleMode): Promise<void> {
    // After stop the database is about to close: a late "push now" from a handler finds the
    // action in the outbox on the next start instead.
    if (stopped) return Promise.resolve();
    const state = runtime(accountId);
    if (state.running) {
      if (MODE_RANK[mode] > MODE_RANK[state.queuedMode]) state.queuedMode = mode;
      state.queued ??= state.running.then(() => {
        const queuedMode = state.queuedMode;
        state.queued = null;
        state.queuedMode = 'push';
        return run(accountId, queuedMode);
      });
      return state.queued;
    }
    state.running = cycle(accountId, mode).finally(() => {
      state.running = null;
    });
    return state.running;
  }

  async function tick() {
    for (const account of await listAccounts(db)) {
      const state = runtime(account.id);
      if (state.running || state.queued) continue;
      const pullDue = SYNC_RESOURCES.some((resource) => {
        const { dueAt } = state.resources[resource];
        return dueAt === null || dueAt <= now();
      });
      const pushDue = (await dueActions(db, account.id, now(), 1)).length > 0;
      if (pullDue || pushDue) void run(account.id, pullDue ? 'due' : 'push');
    }
  }

  return {
    /** Recovers from a crash (in-flight → uncertain) and starts the schedule. */
    async start(tickMs = 1_000) {
      stopped = false;
      stopping = new AbortController();
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
      stopping.abort();
      if (timer) clearInterval(timer);
      timer = null;
      // A queued cycle starts nothing once stopped (see `run`), so waiting for both is enough.
      await Promise.all([...runtimes.values()].flatMap((state) => [state.running, state.queued]));
    },
    /** Push what is due and pull now; resolves when done. */
    syncNow: (accountId: number) => run(accountId, 'now'),
    /** Push what is due, without pulling. */
    pushNow: (accountId: number) => run(accountId, 'push'),
    recoverInFlight: () => recoverInFlight(db),
    ingestionStats: () => ({ ...ingestion }),
    async status(accountId: number): Promise<AccountSyncStatus | null> {
      const account = await findAccount(db, accountId);
      if (!account) return null;
      const state = runtime(accountId);
      const dueTimes = SYNC_RESOURCES.flatMap((resource) => state.resources[resource].dueAt ?? []);
      return {
        accountId,
        connection: state.connection,
        lastPullAt: account.last_pull_at,
        lastError: account.last_error,
        lastErrorAt: account.last_error_at,
        nextPullAt: dueTimes.length > 0 ? Math.min(...dueTimes) : null,
        isSyncing: state.running !== null,
        waiting: SYNC_RESOURCES.flatMap((resource) => {
          const problem = state.resources[resource].problem;
          return problem
            ? [{ resource, until: problem.until, errorKind: problem.kind, error: problem.message }]
            : [];
        }),
        ...(await queueStats(db, accountId)),
      };
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
