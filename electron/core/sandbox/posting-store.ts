import { intBetween, rngFor } from './random';
import { PRODUCT_COUNT, STREAM, WAREHOUSES } from './seed-data';

export const STATUSES = [
  'awaiting_approve',
  'awaiting_packaging',
  'awaiting_deliver',
  'delivering',
  'delivered',
  'cancelled',
] as const;
export type Status = (typeof STATUSES)[number];

export const SUBSTATUSES = [
  'posting_created',
  'ship_failed',
  'posting_transferring_to_delivery',
  'posting_transferred_to_courier_service',
  'posting_in_courier_service',
  'posting_delivered',
  'posting_conditionally_delivered',
  'posting_canceled',
] as const;
export type Substatus = (typeof SUBSTATUSES)[number];

export const DEFAULT_SUBSTATUS: Record<Status, Substatus> = {
  awaiting_approve: 'posting_created',
  awaiting_packaging: 'posting_created',
  awaiting_deliver: 'posting_transferring_to_delivery',
  delivering: 'posting_transferred_to_courier_service',
  delivered: 'posting_delivered',
  cancelled: 'posting_canceled',
};

export interface Item {
  product: number;
  quantity: number;
}

export interface Cancellation {
  reasonId: number;
  reason: string;
  type: 'seller' | 'client';
  afterShip: boolean;
}

/** What changes on a posting besides its status; only postings something happened to have one. */
export interface PostingExtra {
  /** Set on postings made by a split; others derive their number from the index. */
  postingNumber?: string;
  parent?: string;
  items?: Item[];
  trackingNumber?: string;
  cancellation?: Cancellation;
  shipPending?: boolean;
  shipWillFail?: boolean;
  shipCalledAt?: number;
  deliveringAt?: number;
  /** Next free `-N` suffix for splits of this order (kept on the order's first posting). */
  nextSuffix?: number;
}

const INITIAL_CAPACITY = 1024;

/**
 * All postings. The hot fields every list scan reads live in typed arrays (about 30 bytes a
 * posting, so a million fit in ~30 MB); everything else is either derived from (seed, index) on
 * demand — number, order, items, buyer — or kept in a sparse map for the postings that changed.
 */
export class PostingStore {
  count = 0;
  createdAt = new Float64Array(INITIAL_CAPACITY);
  changedAt = new Float64Array(INITIAL_CAPACITY);
  shipmentDate = new Float64Array(INITIAL_CAPACITY);
  status = new Uint8Array(INITIAL_CAPACITY);
  substatus = new Uint8Array(INITIAL_CAPACITY);
  warehouse = new Uint8Array(INITIAL_CAPACITY);
  readonly extras = new Map<number, PostingExtra>();
  private readonly byNumber = new Map<string, number>();
  private readonly orderBase: number;

  constructor(private readonly seed: number) {
    this.orderBase = 10_000_000 + (seed % 700) * 100_000;
  }

  /** Appends a posting; the warehouse is drawn from the seed unless given (splits keep theirs). */
  add(createdAt: number, status: Status, changedAt: number, warehouse?: number): number {
    if (this.count === this.status.length) this.grow();
    const index = this.count++;
    const rng = rngFor(this.seed, STREAM.posting, index, 1);
    this.createdAt[index] = createdAt;
    this.changedAt[index] = changedAt;
    this.shipmentDate[index] = createdAt + 86_400_000 + intBetween(rng, 0, 3) * 21_600_000;
    this.status[index] = STATUSES.indexOf(status);
    this.substatus[index] = SUBSTATUSES.indexOf(DEFAULT_SUBSTATUS[status]);
    this.warehouse[index] = warehouse ?? pickWarehouse(rng());
    return index;
  }

  /** Reserves room for `more` postings at once (bulk generation grows once, not 20 times). */
  reserve(more: number): void {
    while (this.count + more > this.status.length) this.grow();
  }

  statusOf(index: number): Status {
    return STATUSES[this.status[index] ?? 0] as Status;
  }

  substatusOf(index: number): Substatus {
    return SUBSTATUSES[this.substatus[index] ?? 0] as Substatus;
  }

  setStatus(
    index: number,
    status: Status,
    at: number,
    substatus = DEFAULT_SUBSTATUS[status],
  ): void {
    this.status[index] = STATUSES.indexOf(status);
    this.substatus[index] = SUBSTATUSES.indexOf(substatus);
    this.changedAt[index] = at;
  }

  extra(index: number): PostingExtra {
    let extra = this.extras.get(index);
    if (!extra) {
      extra = {};
      this.extras.set(index, extra);
    }
    return extra;
  }

  orderNumber(index: number): string {
    const extra = this.extras.get(index);
    if (extra?.postingNumber) return extra.postingNumber.replace(/-\d+$/, '');
    const group = String((1 + rngFor(this.seed, STREAM.posting, index, 2)() * 9999) | 0);
    return `${String(this.orderBase + index).padStart(8, '0')}-${group.padStart(4, '0')}`;
  }

  postingNumber(index: number): string {
    return this.extras.get(index)?.postingNumber ?? `${this.orderNumber(index)}-1`;
  }

  orderId(index: number): number {
    const origin = this.originOf(index);
    return 30_000_000_000 + (this.seed % 1000) * 50_000_000 + origin * 7;
  }

  /** The posting an order started as (splits share its order id and number). */
  originOf(index: number): number {
    const parent = this.extras.get(index)?.parent;
    return parent === undefined ? index : (this.find(parent) ?? index);
  }

  find(postingNumber: string): number | undefined {
    const known = this.byNumber.get(postingNumber);
    if (known !== undefined) return known;
    const match = /^(\d{8,})-\d{4}-1$/.exec(postingNumber);
    if (!match) return undefined;
    const index = Number(match[1]) - this.orderBase;
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    if (this.extras.get(index)?.postingNumber) return undefined;
    return this.postingNumber(index) === postingNumber ? index : undefined;
  }

  /** Registers a posting made by a split under its own number. */
  name(index: number, postingNumber: string, parent: string): void {
    Object.assign(this.extra(index), { postingNumber, parent });
    this.byNumber.set(postingNumber, index);
  }

  items(index: number): Item[] {
    const override = this.extras.get(index)?.items;
    if (override) return override;
    const rng = rngFor(this.seed, STREAM.posting, index);
    const roll = rng();
    const lines = roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3;
    const items: Item[] = [];
    const first = intBetween(rng, 0, PRODUCT_COUNT - 1);
    for (let line = 0; line < lines; line++) {
      // Consecutive catalogue entries: distinct by construction, no retry loop.
      const product = (first + line * 37) % PRODUCT_COUNT;
      items.push({ product, quantity: rng() < 0.8 ? 1 : intBetween(rng, 2, 3) });
    }
    return items;
  }

  private grow(): void {
    const size = this.status.length * 2;
    const copy = <T extends Float64Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.createdAt = copy(this.createdAt, new Float64Array(size));
    this.changedAt = copy(this.changedAt, new Float64Array(size));
    this.shipmentDate = copy(this.shipmentDate, new Float64Array(size));
    this.status = copy(this.status, new Uint8Array(size));
    this.substatus = copy(this.substatus, new Uint8Array(size));
    this.warehouse = copy(this.warehouse, new Uint8Array(size));
  }
}

function pickWarehouse(roll: number): number {
  let sum = 0;
  for (const [index, warehouse] of WAREHOUSES.entries()) {
    sum += warehouse.weight;
    if (roll < sum) return index;
  }
  return WAREHOUSES.length - 1;
}
