import type BetterSqlite3 from 'better-sqlite3';
import type { PackSessionRow, PostingRow } from '../db/schema';

/** What the counter needs of a posting to judge a scan. */
export type CounterPosting = Pick<
  PostingRow,
  | 'id'
  | 'account_id'
  | 'posting_number'
  | 'order_number'
  | 'status'
  | 'local_state'
  | 'shipment_date'
  | 'delivery_method'
>;

export interface CounterProduct {
  sku: string;
  offerId: string;
  name: string;
}

export interface CounterItem {
  sku: string;
  offer_id: string;
  name: string;
  quantity: number;
}

export interface Tick {
  id: number;
  verdict: 'item_ok' | 'package_added';
  sku: string | null;
  package_index: number | null;
}

export interface NewScan {
  packSessionId: number | null;
  stationSessionId: number;
  userId: number;
  at: number;
  code: string;
  source: 'keyboard' | 'serial' | 'screen';
  kind: string;
  verdict: string;
  sku: string | null;
  packageIndex: number | null;
}

const POSTING_COLUMNS = `id, account_id, posting_number, order_number, status, local_state, shipment_date,
  delivery_method`;
/** The expression of the marketplace label indexes in migration 0004, spelled exactly alike. */
const UPPER_BARCODE = `(CASE WHEN json_valid(raw) THEN json_extract(raw, '$.barcodes.upper_barcode') END)`;
const LOWER_BARCODE = `(CASE WHEN json_valid(raw) THEN json_extract(raw, '$.barcodes.lower_barcode') END)`;

/**
 * The counter's reads and writes as prepared better-sqlite3 statements. A scan is judged in one
 * synchronous step (`classifyScan` asks for products synchronously), run inside the method's
 * transaction, so nothing can change the posting between the verdict and its record.
 */
function prepare(sqlite: BetterSqlite3.Database) {
  const p = <P extends unknown[], R>(source: string) => sqlite.prepare<P, R>(source);
  return {
    postingById: p<[number], CounterPosting>(
      `SELECT ${POSTING_COLUMNS} FROM postings WHERE id = ?`,
    ),
    postingsByNumber: p<[string], CounterPosting>(
      `SELECT ${POSTING_COLUMNS} FROM postings WHERE posting_number = ? ORDER BY id LIMIT 5`,
    ),
    postingsByOrder: p<[string], CounterPosting>(
      `SELECT ${POSTING_COLUMNS} FROM postings WHERE order_number = ? ORDER BY posting_number LIMIT 50`,
    ),
    postingsByLabel: p<[string, string], CounterPosting>(
      `SELECT ${POSTING_COLUMNS} FROM postings WHERE ${UPPER_BARCODE} = ?
       UNION SELECT ${POSTING_COLUMNS} FROM postings WHERE ${LOWER_BARCODE} = ? LIMIT 5`,
    ),
    items: p<[number], CounterItem>(
      `SELECT sku, min(offer_id) AS offer_id, min(name) AS name, sum(quantity) AS quantity
       FROM posting_items WHERE posting_id = ? GROUP BY sku ORDER BY min(line)`,
    ),
    openAlertKinds: p<[string], { kind: string }>(
      'SELECT kind FROM alerts WHERE posting_number = ? AND resolved_at IS NULL',
    ),
    itemByCode: p<[number, string, string], CounterProduct>(
      `SELECT sku, offer_id AS offerId, name FROM posting_items
       WHERE posting_id = ? AND (sku = ? OR offer_id = ?) ORDER BY line LIMIT 1`,
    ),
    // Any of a product's SKUs names it (product_skus); the one asked for is the one answered.
    productBySku: p<[number, string], CounterProduct>(
      `SELECT s.sku, p.offer_id AS offerId, p.name FROM product_skus s
       JOIN products p ON p.account_id = s.account_id AND p.product_id = s.product_id
       WHERE s.account_id = ? AND s.sku = ? LIMIT 1`,
    ),
    productByOfferId: p<[number, string], CounterProduct>(
      'SELECT sku, offer_id AS offerId, name FROM products WHERE account_id = ? AND offer_id = ? LIMIT 1',
    ),
    productByBarcode: p<[string, number], CounterProduct>(
      `SELECT p.sku, p.offer_id AS offerId, p.name FROM product_barcodes b
       JOIN products p ON p.account_id = b.account_id AND p.product_id = b.product_id
       WHERE b.barcode = ? AND b.account_id = ? LIMIT 1`,
    ),
    accountIds: p<[], { id: number }>('SELECT id FROM accounts ORDER BY id'),
    productInfo: p<
      [number, string],
      { image_url: string | null; barcodes: string | null; location: string | null }
    >(
      `SELECT p.image_url,
         (SELECT group_concat(barcode, ' ') FROM product_barcodes b
           WHERE b.account_id = p.account_id AND b.product_id = p.product_id) AS barcodes,
         (SELECT location FROM product_locations l WHERE l.account_id = p.account_id AND l.sku = p.sku) AS location
       FROM product_skus s JOIN products p ON p.account_id = s.account_id AND p.product_id = s.product_id
       WHERE s.account_id = ? AND s.sku = ? LIMIT 1`,
    ),
    locationOf: p<[number, string], { location: string }>(
      'SELECT location FROM product_locations WHERE account_id = ? AND sku = ?',
    ),
    openSession: p<[number], PackSessionRow>(
      "SELECT * FROM pack_sessions WHERE station_session_id = ? AND state = 'open'",
    ),
    unfinishedSession: p<[number], PackSessionRow>(
      "SELECT * FROM pack_sessions WHERE posting_id = ? AND state <> 'completed'",
    ),
    completedSession: p<[number], { id: number }>(
      "SELECT id FROM pack_sessions WHERE posting_id = ? AND state = 'completed'",
    ),
    insertSession: p<[number, number, number, string, number, number, number], never>(
      `INSERT INTO pack_sessions (posting_id, account_id, station_session_id, origin, opened_by, state, started_at, resumed_at)
       VALUES (?, ?, ?, ?, ?, 'open', ?, ?)`,
    ),
    // Taken over while open at another station: the time it was open there still counts.
    resumeSession: p<[number, number, string, number, number], never>(
      `UPDATE pack_sessions SET
         active_ms = active_ms + CASE WHEN state = 'open' THEN max(0, ? - resumed_at) ELSE 0 END,
         state = 'open', station_session_id = ?, origin = ?, resumed_at = ?
       WHERE id = ?`,
    ),
    setAside: p<[number, number], never>(
      `UPDATE pack_sessions SET state = 'skipped', active_ms = active_ms + max(0, ? - resumed_at)
       WHERE id = ? AND state = 'open'`,
    ),
    complete: p<[number, number, number, number], never>(
      `UPDATE pack_sessions SET state = 'completed', completed_by = ?, completed_at = ?,
         active_ms = active_ms + max(0, ? - resumed_at)
       WHERE id = ? AND state = 'open'`,
    ),
    ticks: p<[number], Tick>(
      `SELECT id, verdict, sku, package_index FROM pack_scans
       WHERE pack_session_id = ? AND verdict IN ('item_ok', 'package_added') AND is_undone = 0
       ORDER BY id`,
    ),
    wrongScans: p<[number], { n: number }>(
      `SELECT count(*) AS n FROM pack_scans
       WHERE pack_session_id = ? AND verdict IN ('wrong_item', 'too_many', 'unknown_code')`,
    ),
    undo: p<[number], never>('UPDATE pack_scans SET is_undone = 1 WHERE id = ?'),
    insertScan: p<
      [
        number | null,
        number,
        number,
        number,
        string,
        string,
        string,
        string,
        string | null,
        number | null,
      ],
      never
    >(
      `INSERT INTO pack_scans (pack_session_id, station_session_id, user_id, at, code, source, kind, verdict, sku, package_index)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    carry: p<[number, number], never>(
      "UPDATE pack_sessions SET station_session_id = ? WHERE station_session_id = ? AND state = 'open'",
    ),
    waitingOutbox: p<[], { n: number }>(
      `SELECT count(*) AS n FROM outbox
       WHERE state IN ('pending', 'in_flight', 'verifying', 'uncertain', 'rejected')`,
    ),
    waitingPrints: p<[], { n: number }>(
      "SELECT count(*) AS n FROM print_jobs WHERE state IN ('queued', 'sending')",
    ),
  };
}

const cache = new WeakMap<BetterSqlite3.Database, CounterRepo>();

/** The counter's statements on one connection, prepared once. */
export function counterRepo(sqlite: BetterSqlite3.Database): CounterRepo {
  let repo = cache.get(sqlite);
  if (!repo) {
    repo = new CounterRepo(sqlite);
    cache.set(sqlite, repo);
  }
  return repo;
}

export class CounterRepo {
  private readonly s: ReturnType<typeof prepare>;

  constructor(sqlite: BetterSqlite3.Database) {
    this.s = prepare(sqlite);
  }

  postingById(id: number): CounterPosting | undefined {
    return this.s.postingById.get(id);
  }

  postingsByNumber(postingNumber: string): CounterPosting[] {
    return this.s.postingsByNumber.all(postingNumber);
  }

  postingsByOrder(orderNumber: string): CounterPosting[] {
    return this.s.postingsByOrder.all(orderNumber);
  }

  postingsByLabelBarcode(barcode: string): CounterPosting[] {
    return this.s.postingsByLabel.all(barcode, barcode);
  }

  items(postingId: number): CounterItem[] {
    return this.s.items.all(postingId);
  }

  openAlertKinds(postingNumber: string): string[] {
    return this.s.openAlertKinds.all(postingNumber).map((row) => row.kind);
  }

  /**
   * A product by SKU, offer id or barcode: first among the open posting's own items (they are
   * known even before the catalogue is pulled), then in the posting's account, or in every
   * account when no posting is open.
   */
  findProduct(open: CounterPosting | null, code: string): CounterProduct | null {
    if (open) {
      const item = this.s.itemByCode.get(open.id, code, code);
      if (item) return item;
    }
    const accounts = open ? [open.account_id] : this.s.accountIds.all().map((row) => row.id);
    for (const accountId of accounts) {
      const found =
        this.s.productBySku.get(accountId, code) ??
        this.s.productByOfferId.get(accountId, code) ??
        this.s.productByBarcode.get(code, accountId);
      if (found) return found;
    }
    return null;
  }

  productInfo(accountId: number, sku: string) {
    const info = this.s.productInfo.get(accountId, sku);
    return {
      imageUrl: info?.image_url ?? null,
      barcodes: info?.barcodes ? info.barcodes.split(' ') : [],
      location: info?.location ?? this.s.locationOf.get(accountId, sku)?.location ?? null,
    };
  }

  openSession(stationSessionId: number): PackSessionRow | undefined {
    return this.s.openSession.get(stationSessionId);
  }

  unfinishedSession(postingId: number): PackSessionRow | undefined {
    return this.s.unfinishedSession.get(postingId);
  }

  hasCompletedSession(postingId: number): boolean {
    return this.s.completedSession.get(postingId) !== undefined;
  }

  /** Opens a new pack session for the posting at this station; returns its id. */
  startSession(
    posting: CounterPosting,
    station: { sessionId: number; origin: string; userId: number },
    now: number,
  ): number {
    const result = this.s.insertSession.run(
      posting.id,
      posting.account_id,
      station.sessionId,
      station.origin,
      station.userId,
      now,
      now,
    );
    return Number(result.lastInsertRowid);
  }

  /** Picks up a set-aside session (or takes one over from another station) here. */
  resumeSession(id: number, station: { sessionId: number; origin: string }, now: number): void {
    this.s.resumeSession.run(now, station.sessionId, station.origin, now, id);
  }

  setAside(id: number, now: number): void {
    this.s.setAside.run(now, id);
  }

  markCompleted(id: number, userId: number, now: number): boolean {
    return this.s.complete.run(userId, now, now, id).changes === 1;
  }

  /** Ticks and added packages still in force, oldest first. */
  ticks(packSessionId: number): Tick[] {
    return this.s.ticks.all(packSessionId);
  }

  wrongScans(packSessionId: number): number {
    return this.s.wrongScans.get(packSessionId)?.n ?? 0;
  }

  markUndone(scanId: number): void {
    this.s.undo.run(scanId);
  }

  recordScan(scan: NewScan): void {
    this.s.insertScan.run(
      scan.packSessionId,
      scan.stationSessionId,
      scan.userId,
      scan.at,
      scan.code,
      scan.source,
      scan.kind,
      scan.verdict,
      scan.sku,
      scan.packageIndex,
    );
  }

  /** Hands the open pack session of one station session to the next (operator switch). */
  carry(fromSessionId: number, toSessionId: number): void {
    this.s.carry.run(toSessionId, fromSessionId);
  }

  waitingToSync(): number {
    return (this.s.waitingOutbox.get()?.n ?? 0) + (this.s.waitingPrints.get()?.n ?? 0);
  }
}
