import type { SandboxClock } from './clock';
import { ApiError, GRPC, badRequest, notFound } from './errors';
import { type Cancellation, PostingStore, type Status, type Substatus } from './posting-store';
import { intBetween, rngFor, type Rng } from './random';
import { Schedule, type ScheduledEvent } from './schedule';
import {
  BUYER_CANCEL_REASON,
  CANCEL_REASONS,
  type Product,
  REASON_NEEDS_MESSAGE,
  STREAM,
  WAREHOUSES,
  buildProducts,
  initialStock,
} from './seed-data';

/** How long the simulated marketplace takes for things, in sandbox milliseconds. */
export const TIMING = {
  /** Ship is accepted at once but applied later (Ozon: HTTP 200 does not mean packed). */
  shipApplyMs: 5_000,
  /** Labels refuse with "The next postings aren't ready" until this long after ship (Ozon: 45–60 s). */
  labelReadyMs: 45_000,
  labelTaskMs: 3_000,
  rfbsMoveMs: 2_000,
  approveMs: 120_000,
  handoverMs: 6 * 3_600_000,
  deliverMs: 36 * 3_600_000,
  streamMinMs: 3 * 60_000,
  streamMaxMs: 9 * 60_000,
  /** One stock update per (warehouse, product) pair per this long. */
  stockPairMs: 30_000,
} as const;

export const INITIAL_POSTINGS = 40;
const HOUR = 3_600_000;

export interface PostingEffects {
  ship: number;
  /** Accepted ships that then failed on the marketplace's side (substatus `ship_failed`). */
  shipFailed: number;
  cancel: number;
  tracking: number;
  delivering: number;
  delivered: number;
}

export interface Effects {
  /** Accepted calls per posting number, whether or not they changed anything. */
  postings: Record<string, PostingEffects>;
  /** Accepted stock updates per `warehouseId/offerId`. */
  stocks: Record<string, number>;
}

export interface PostingSnapshot {
  postingNumber: string;
  orderNumber: string;
  parentPostingNumber: string;
  status: Status;
  substatus: Substatus;
  warehouseId: string;
  isRfbs: boolean;
  inProcessAt: number;
  changedAt: number;
  shipmentDate: number;
  trackingNumber: string;
  shipPending: boolean;
  cancellation: Cancellation | null;
  items: { sku: string; offerId: string; name: string; quantity: number; priceMinor: number }[];
}

export interface GenerateOptions {
  /** Every new posting gets this status; otherwise a status fitting its age. */
  status?: Status;
  /** They are spread over this period up to now (default 30 days, at most a year). */
  spanMs?: number;
}

export interface LabelTask {
  id: number;
  postings: string[];
  createdAt: number;
}

export interface ShipPackage {
  products: { sku: string; quantity: number }[];
}

const SHIPPED: readonly Status[] = ['awaiting_deliver', 'delivering', 'delivered'];

/**
 * The marketplace's memory and rules: catalogue, stocks, postings and their state machine, and
 * what the buyer and the carrier do as sandbox time passes. Every change is a method here; the
 * routes only translate HTTP to these calls.
 */
export class SandboxState {
  readonly products: Product[];
  readonly store: PostingStore;
  readonly productBySku = new Map<string, Product>();
  readonly productByOffer = new Map<string, Product>();
  readonly productById = new Map<string, Product>();
  readonly archived = new Set<number>();
  readonly labelTasks = new Map<number, LabelTask>();
  credentialsExpireAt: number;
  private readonly schedule = new Schedule();
  private readonly stocks = new Map<string, { stock: number; updatedAt: number }>();
  private readonly postingEffects = new Map<string, PostingEffects>();
  private readonly stockEffects = new Map<string, number>();
  private streamCount = 0;
  private nextStreamAt: number;
  private nextLabelTask = 70_000_001;

  constructor(
    readonly seed: number,
    readonly clock: SandboxClock,
  ) {
    const now = clock.now();
    this.products = buildProducts(seed, now);
    for (const product of this.products) {
      this.register(product);
      if (rngFor(seed, STREAM.product, product.index, 9)() < 0.03) this.archived.add(product.index);
    }
    this.store = new PostingStore(seed);
    this.credentialsExpireAt = now + 90 * 24 * HOUR;
    this.seedInitialPostings(now);
    this.nextStreamAt = now + this.streamGap();
  }

  private register(product: Product): void {
    for (const { sku } of product.sources) this.productBySku.set(String(sku), product);
    this.productByOffer.set(product.offerId, product);
    this.productById.set(String(product.productId), product);
  }

  /**
   * A card the seller has just created, which Ozon has not given a SKU yet (still in
   * moderation): listed with the catalogue, but no posting can name it.
   */
  addCardWithoutSku(): Product {
    const index = this.products.length;
    const product: Product = {
      ...(this.products[0] as Product),
      index,
      productId: 339_791_768 + index * 7_919 + (this.seed % 1000) * 1_000_003,
      sku: 0,
      sources: [],
      offerId: `NEW-${index}`,
      name: `New card ${index}`,
      barcodes: [],
      createdAt: this.clock.now(),
    };
    this.products.push(product);
    this.register(product);
    return product;
  }

  /** Lets the marketplace catch up with its clock: new orders, carrier scans, buyer cancels. */
  tick(): number {
    const now = this.clock.now();
    while (this.nextStreamAt <= now) {
      this.addStreamPosting(this.nextStreamAt);
      this.nextStreamAt += this.streamGap();
    }
    for (let event = this.schedule.takeDue(now); event; event = this.schedule.takeDue(now)) {
      this.apply(event);
    }
    return now;
  }

  warehouseOf(index: number) {
    return (
      WAREHOUSES[this.store.warehouse[index] ?? 0] ?? (WAREHOUSES[0] as (typeof WAREHOUSES)[0])
    );
  }

  product(index: number): Product {
    return this.products[index] as Product;
  }

  requirePosting(postingNumber: string): number {
    const index = this.store.find(postingNumber);
    if (index === undefined) throw notFound('POSTING_NOT_FOUND');
    return index;
  }

  cancellationOf(index: number): Cancellation | null {
    const extra = this.store.extras.get(index);
    if (extra?.cancellation) return extra.cancellation;
    if (this.store.statusOf(index) !== 'cancelled') return null;
    return buyerCancellation(false);
  }

  snapshot(postingNumber: string): PostingSnapshot | null {
    this.tick();
    const index = this.store.find(postingNumber);
    if (index === undefined) return null;
    const store = this.store;
    const extra = store.extras.get(index);
    const warehouse = this.warehouseOf(index);
    return {
      postingNumber: store.postingNumber(index),
      orderNumber: store.orderNumber(index),
      parentPostingNumber: extra?.parent ?? '',
      status: store.statusOf(index),
      substatus: store.substatusOf(index),
      warehouseId: warehouse.id,
      isRfbs: warehouse.isRfbs,
      inProcessAt: store.createdAt[index] ?? 0,
      changedAt: store.changedAt[index] ?? 0,
      shipmentDate: store.shipmentDate[index] ?? 0,
      trackingNumber: extra?.trackingNumber ?? '',
      shipPending: extra?.shipPending ?? false,
      cancellation: this.cancellationOf(index),
      items: store.items(index).map((item) => {
        const product = this.product(item.product);
        return {
          sku: String(product.sku),
          offerId: product.offerId,
          name: product.name,
          quantity: item.quantity,
          priceMinor: product.priceMinor,
        };
      }),
    };
  }

  // ---- seller actions -------------------------------------------------------------------------

  /**
   * Accepts a ship (pack) request. The first package keeps the posting's number, each further one
   * becomes a new posting `<order>-N`; all of them move to `awaiting_deliver` only after
   * TIMING.shipApplyMs, or fail with substatus `ship_failed` when `fail` is set.
   */
  ship(postingNumber: string, packages: ShipPackage[], fail: boolean): string[] {
    const now = this.tick();
    const index = this.requirePosting(postingNumber);
    const store = this.store;
    const status = store.statusOf(index);
    const extra = store.extras.get(index);
    if (status === 'cancelled') throw conflict('POSTING_ALREADY_CANCELLED');
    if (extra?.shipPending || SHIPPED.includes(status)) throw conflict('POSTING_ALREADY_SHIPPED');
    if (status !== 'awaiting_packaging') throw conflict('HAS_INCORRECT_STATUS');
    if (packages.length === 0) throw badRequest('packages is required');

    const wanted = new Map<string, number>();
    for (const item of store.items(index)) {
      const sku = String(this.product(item.product).sku);
      wanted.set(sku, (wanted.get(sku) ?? 0) + item.quantity);
    }
    const given = new Map<string, number>();
    for (const pack of packages) {
      if (pack.products.length === 0) throw conflict('HAS_INCORRECT_PRODUCT_QUANTITY');
      for (const line of pack.products) {
        if (!wanted.has(line.sku)) throw conflict('UNKNOWN_PRODUCT_DEFINED');
        if (!(line.quantity > 0)) throw conflict('HAS_INCORRECT_PRODUCT_QUANTITY');
        given.set(line.sku, (given.get(line.sku) ?? 0) + line.quantity);
      }
    }
    for (const [sku, quantity] of wanted) {
      if (given.get(sku) !== quantity) throw conflict('HAS_INCORRECT_PRODUCT_QUANTITY');
    }

    this.countEffect(postingNumber, 'ship');
    const origin = store.originOf(index);
    const numbers: string[] = [];
    for (const [position, pack] of packages.entries()) {
      const items = pack.products.map((line) => ({
        product: (this.productBySku.get(line.sku) as Product).index,
        quantity: line.quantity,
      }));
      let target = index;
      if (position > 0) {
        target = store.add(
          store.createdAt[index] ?? now,
          'awaiting_packaging',
          now,
          store.warehouse[index],
        );
        store.shipmentDate[target] = store.shipmentDate[index] ?? now;
        const originExtra = store.extra(origin);
        const suffix = originExtra.nextSuffix ?? 2;
        originExtra.nextSuffix = suffix + 1;
        store.name(target, `${store.orderNumber(index)}-${suffix}`, postingNumber);
      }
      if (packages.length > 1) store.extra(target).items = items;
      Object.assign(store.extra(target), {
        shipPending: true,
        shipWillFail: fail,
        shipCalledAt: now,
      });
      store.changedAt[target] = now;
      this.schedule.add(now + TIMING.shipApplyMs, 'ship_apply', target);
      numbers.push(store.postingNumber(target));
    }
    return numbers;
  }

  cancel(postingNumber: string, reasonId: number, message: string | undefined): void {
    const now = this.tick();
    const index = this.requirePosting(postingNumber);
    const reason = CANCEL_REASONS.find((r) => r.id === reasonId);
    if (!reason || !reason.isAvailableForCancellation)
      throw badRequest('HAS_INCORRECT_CANCEL_REASON');
    if (reasonId === REASON_NEEDS_MESSAGE && !message?.trim()) {
      throw badRequest('CANCEL_REASON_MESSAGE_IS_REQUIRED');
    }
    const status = this.store.statusOf(index);
    if (status === 'cancelled') throw conflict('POSTING_ALREADY_CANCELLED');
    if (status === 'delivering' || status === 'delivered') throw conflict('HAS_INCORRECT_STATUS');
    this.countEffect(postingNumber, 'cancel');
    this.cancelNow(index, now, {
      reasonId,
      reason: message?.trim() ? `${reason.title}: ${message.trim()}` : reason.title,
      type: 'seller',
      afterShip: status === 'awaiting_deliver',
    });
  }

  /** rFBS: the seller's own tracking number. Returns the per-posting error text, '' on success. */
  setTracking(postingNumber: string, trackingNumber: string): string {
    this.tick();
    const index = this.store.find(postingNumber);
    if (index === undefined) return 'POSTING_NOT_FOUND';
    if (!this.warehouseOf(index).isRfbs) return 'INCORRECT_TPL_INTEGRATION_TYPE';
    if (trackingNumber.trim() === '') return 'INVALID_TRACKING_NUMBER';
    const status = this.store.statusOf(index);
    if (status !== 'awaiting_deliver' && status !== 'delivering') return 'HAS_INCORRECT_STATUS';
    this.countEffect(postingNumber, 'tracking');
    this.store.extra(index).trackingNumber = trackingNumber;
    return '';
  }

  /** rFBS: handed to the seller's courier; applied after TIMING.rfbsMoveMs like on Ozon. */
  markDelivering(postingNumber: string): string {
    return this.rfbsMove(postingNumber, 'awaiting_deliver', 'rfbs_delivering');
  }

  markDelivered(postingNumber: string): string {
    return this.rfbsMove(postingNumber, 'delivering', 'rfbs_delivered');
  }

  /** Why a label cannot be printed now, or null when it can. */
  labelProblem(postingNumber: string, now: number): string | null {
    const index = this.store.find(postingNumber);
    if (index === undefined) return 'POSTING_NOT_FOUND';
    const status = this.store.statusOf(index);
    if (status === 'cancelled') return 'POSTING_ALREADY_CANCELLED';
    if (status === 'delivered') return 'label not allowed for delivered postings';
    const calledAt = this.store.extras.get(index)?.shipCalledAt ?? this.store.changedAt[index] ?? 0;
    if (status !== 'awaiting_deliver' || now < calledAt + TIMING.labelReadyMs) {
      return "The next postings aren't ready";
    }
    return null;
  }

  createLabelTask(postingNumbers: string[]): LabelTask {
    const task = { id: this.nextLabelTask++, postings: postingNumbers, createdAt: this.tick() };
    this.labelTasks.set(task.id, task);
    return task;
  }

  updateStock(
    warehouseId: string,
    product: Product,
    stock: number,
  ): { code: string; message: string } | null {
    const now = this.clock.now();
    const warehouse = WAREHOUSES.findIndex((w) => w.id === warehouseId);
    if (warehouse < 0) return { code: 'WAREHOUSE_NOT_FOUND', message: 'Warehouse not found' };
    if (this.archived.has(product.index)) {
      return { code: 'PRODUCT_IS_ARCHIVED', message: 'Product is archived' };
    }
    if (!Number.isInteger(stock) || stock < 0) {
      return { code: 'INVALID_STOCK', message: 'Stock must be a non-negative integer' };
    }
    if (stock >= 1_000_000) return { code: 'STOCK_TOO_BIG', message: 'Stock is too big' };
    const key = `${warehouse}:${product.index}`;
    const previous = this.stocks.get(key);
    if (previous && now - previous.updatedAt < TIMING.stockPairMs) {
      return { code: 'TOO_MANY_REQUESTS', message: 'Stock is updated too frequently' };
    }
    this.stocks.set(key, { stock, updatedAt: now });
    const effectKey = `${warehouseId}/${product.offerId}`;
    this.stockEffects.set(effectKey, (this.stockEffects.get(effectKey) ?? 0) + 1);
    return null;
  }

  stockOf(warehouse: number, product: number): number {
    return (
      this.stocks.get(`${warehouse}:${product}`)?.stock ??
      initialStock(this.seed, warehouse, product)
    );
  }

  // ---- buyer and marketplace actions (controls) ------------------------------------------------

  buyerCancel(postingNumber: string): void {
    const now = this.tick();
    const index = this.requirePosting(postingNumber);
    const status = this.store.statusOf(index);
    if (status === 'cancelled' || status === 'delivering' || status === 'delivered') {
      throw conflict('HAS_INCORRECT_STATUS');
    }
    this.cancelNow(index, now, buyerCancellation(status === 'awaiting_deliver'));
  }

  /** A remote change of one item's quantity (as when the buyer or Ozon edits the order). */
  setItemQuantity(postingNumber: string, sku: string, quantity: number): void {
    const now = this.tick();
    const index = this.requirePosting(postingNumber);
    if (!Number.isInteger(quantity) || quantity < 1) throw badRequest('quantity must be ≥ 1');
    const items = this.store.items(index).map((item) => ({ ...item }));
    const line = items.find((item) => String(this.product(item.product).sku) === sku);
    if (!line) throw notFound('UNKNOWN_PRODUCT_DEFINED');
    line.quantity = quantity;
    this.store.extra(index).items = items;
    this.store.changedAt[index] = now;
  }

  /**
   * Appends `count` postings in one tight loop (benchmarks ask for a million). Only their hot
   * fields are stored; items, numbers and buyers are derived when a posting is read. No events
   * are scheduled for them: they are history, apart from what the seller does to them.
   */
  generate(count: number, options: GenerateOptions = {}): { first: number; count: number } {
    if (!Number.isInteger(count) || count < 0 || count > 5_000_000) {
      throw badRequest('count must be an integer between 0 and 5000000');
    }
    const now = this.tick();
    const span = Math.min(Math.max(options.spanMs ?? 30 * 24 * HOUR, 1), 365 * 24 * HOUR);
    const store = this.store;
    store.reserve(count);
    const first = store.count;
    const step = span / Math.max(count, 1);
    const rng = rngFor(this.seed, STREAM.bulk, first);
    for (let k = 0; k < count; k++) {
      const createdAt = Math.floor(now - span + k * step);
      if (options.status) store.add(createdAt, options.status, createdAt);
      else {
        const history = historicStatus(rng, now - createdAt);
        store.add(createdAt, history.status, Math.min(now, createdAt + history.changedAfter));
      }
    }
    return { first, count };
  }

  effects(): Effects {
    return {
      postings: Object.fromEntries([...this.postingEffects].map(([k, v]) => [k, { ...v }])),
      stocks: Object.fromEntries(this.stockEffects),
    };
  }

  // ---- internals --------------------------------------------------------------------------------

  private rfbsMove(postingNumber: string, from: Status, kind: ScheduledEvent['kind']): string {
    const now = this.tick();
    const index = this.store.find(postingNumber);
    if (index === undefined) return 'POSTING_NOT_FOUND';
    if (!this.warehouseOf(index).isRfbs) return 'INCORRECT_TPL_INTEGRATION_TYPE';
    if (this.store.statusOf(index) !== from) return 'HAS_INCORRECT_STATUS';
    this.countEffect(postingNumber, kind === 'rfbs_delivering' ? 'delivering' : 'delivered');
    this.schedule.add(now + TIMING.rfbsMoveMs, kind, index);
    return '';
  }

  private cancelNow(index: number, at: number, cancellation: Cancellation): void {
    const extra = this.store.extra(index);
    extra.cancellation = cancellation;
    extra.shipPending = false;
    this.store.setStatus(index, 'cancelled', at);
  }

  private countEffect(postingNumber: string, kind: keyof PostingEffects): void {
    let counts = this.postingEffects.get(postingNumber);
    if (!counts) {
      counts = { ship: 0, shipFailed: 0, cancel: 0, tracking: 0, delivering: 0, delivered: 0 };
      this.postingEffects.set(postingNumber, counts);
    }
    counts[kind] += 1;
  }

  private apply(event: ScheduledEvent): void {
    const { posting: index, at } = event;
    const store = this.store;
    const status = store.statusOf(index);
    const extra = store.extras.get(index);
    const isRfbs = this.warehouseOf(index).isRfbs;
    switch (event.kind) {
      case 'approve':
        if (status === 'awaiting_approve') store.setStatus(index, 'awaiting_packaging', at);
        return;
      case 'ship_apply':
        if (!extra?.shipPending || status !== 'awaiting_packaging') return;
        extra.shipPending = false;
        if (extra.shipWillFail) {
          store.setStatus(index, 'awaiting_packaging', at, 'ship_failed');
          this.countEffect(store.postingNumber(index), 'shipFailed');
          return;
        }
        store.setStatus(index, 'awaiting_deliver', at);
        if (!isRfbs) this.schedule.add(at + TIMING.handoverMs, 'handover', index);
        return;
      case 'handover':
        if (status !== 'awaiting_deliver') return;
        store.setStatus(index, 'delivering', at);
        store.extra(index).deliveringAt = at;
        this.schedule.add(at + TIMING.deliverMs, 'deliver', index);
        return;
      case 'deliver':
        if (status === 'delivering') store.setStatus(index, 'delivered', at);
        return;
      case 'buyer_cancel':
        if (
          status === 'awaiting_approve' ||
          status === 'awaiting_packaging' ||
          status === 'awaiting_deliver'
        ) {
          this.cancelNow(index, at, buyerCancellation(status === 'awaiting_deliver'));
        }
        return;
      case 'rfbs_delivering':
        if (status !== 'awaiting_deliver') return;
        store.setStatus(index, 'delivering', at);
        store.extra(index).deliveringAt = at;
        return;
      case 'rfbs_delivered':
        if (status === 'delivering')
          store.setStatus(index, 'delivered', at, 'posting_conditionally_delivered');
        return;
    }
  }

  private streamGap(): number {
    const rng = rngFor(this.seed, STREAM.postingStream, this.streamCount, 1);
    return intBetween(rng, TIMING.streamMinMs, TIMING.streamMaxMs);
  }

  /** A buyer's new order; now and then it starts unapproved or will be cancelled by the buyer. */
  private addStreamPosting(at: number): void {
    const rng = rngFor(this.seed, STREAM.postingStream, this.streamCount++);
    const unapproved = rng() < 0.1;
    const index = this.store.add(at, unapproved ? 'awaiting_approve' : 'awaiting_packaging', at);
    if (unapproved) this.schedule.add(at + TIMING.approveMs, 'approve', index);
    if (rng() < 0.08)
      this.schedule.add(at + intBetween(rng, 10, 180) * 60_000, 'buyer_cancel', index);
  }

  private seedInitialPostings(now: number): void {
    const rng = rngFor(this.seed, STREAM.initial);
    for (let k = 0; k < INITIAL_POSTINGS; k++) {
      const createdAt =
        now -
        36 * HOUR +
        Math.floor((k * 36 * HOUR) / INITIAL_POSTINGS) +
        intBetween(rng, 0, 600_000);
      const history = historicStatus(rng, now - createdAt);
      const changedAt = Math.min(now, createdAt + history.changedAfter);
      const index = this.store.add(createdAt, history.status, changedAt);
      const isRfbs = this.warehouseOf(index).isRfbs;
      if (history.status === 'awaiting_deliver' && !isRfbs) {
        this.schedule.add(changedAt + TIMING.handoverMs, 'handover', index);
      } else if (history.status === 'delivering' && !isRfbs) {
        this.schedule.add(changedAt + TIMING.deliverMs, 'deliver', index);
      } else if (history.status === 'awaiting_packaging' && rng() < 0.1) {
        this.schedule.add(now + intBetween(rng, 10, 120) * 60_000, 'buyer_cancel', index);
      }
    }
  }
}

function conflict(message: string): ApiError {
  return new ApiError(400, GRPC.failedPrecondition, message);
}

function buyerCancellation(afterShip: boolean): Cancellation {
  const reason = CANCEL_REASONS.find((r) => r.id === BUYER_CANCEL_REASON);
  return { reasonId: BUYER_CANCEL_REASON, reason: reason?.title ?? '', type: 'client', afterShip };
}

/** A plausible status for a posting of a given age, and how long after creation it got there. */
function historicStatus(rng: Rng, ageMs: number): { status: Status; changedAfter: number } {
  if (rng() < 0.06) return { status: 'cancelled', changedAfter: Math.min(ageMs, HOUR) };
  if (ageMs < 6 * HOUR) return { status: 'awaiting_packaging', changedAfter: 0 };
  if (ageMs < 30 * HOUR) {
    return rng() < 0.5
      ? { status: 'awaiting_packaging', changedAfter: 0 }
      : { status: 'awaiting_deliver', changedAfter: 2 * HOUR };
  }
  if (ageMs < 72 * HOUR) return { status: 'delivering', changedAfter: 20 * HOUR };
  return { status: 'delivered', changedAfter: 60 * HOUR };
}

export type { Status, Substatus };
