import type { ActiveFault, FaultRule } from './faults';
import type { LoggedRequest } from './request-log';
import type { World } from './runtime';
import type { Effects, GenerateOptions, PostingSnapshot, Status } from './state';

/** The sandbox's remote control: what tests and the Demo store do besides the seller's API calls. */
export interface SandboxControl {
  /** Sandbox time, epoch ms. */
  now(): number;
  /** Moves sandbox time forward and lets the marketplace catch up; returns the new time. */
  advanceClock(ms: number): number;
  /** Replaces all fault rules. */
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  /** Current rules with how often each has fired. */
  faults(): ActiveFault[];
  /** Accepted seller calls per posting and per stock pair, for "exactly once" checks. */
  effects(): Effects;
  /** Seller API calls answered since the last reset, oldest first (the latest 10,000 at least). */
  requests(): LoggedRequest[];
  /** The buyer cancels; allowed until the posting is handed to delivery. */
  buyerCancel(postingNumber: string): void;
  /** A remote change of one item's quantity. */
  setItemQuantity(postingNumber: string, sku: string, quantity: number): void;
  /** Appends `count` postings at once (see GenerateOptions); returns the new total. */
  generatePostings(count: number, options?: GenerateOptions): { generated: number; total: number };
  posting(postingNumber: string): PostingSnapshot | null;
  /** Posting numbers, oldest first, optionally only one status and/or kind (rFBS or FBS). */
  findPostings(query?: { status?: Status; rfbs?: boolean; limit?: number }): string[];
  /** Starts over: fresh data from the seed (the current one unless given) on a fresh clock. */
  reset(seed?: number): void;
  /** When the API key stops working (epoch ms, sandbox time). */
  setCredentialsExpiry(at: number): void;
  /** Global requests per second per Client-Id; null switches all rate limits off. */
  setRateLimit(perSecond: number | null): void;
  /** A new card Ozon has given no SKU yet; gone with the next reset. */
  addCardWithoutSku(): { productId: string; offerId: string };
}

export function createControl(world: World): SandboxControl {
  return {
    now: () => world.state.tick(),
    advanceClock(ms) {
      world.state.clock.advance(ms);
      return world.state.tick();
    },
    setFaults: (rules) => world.faults.set(rules),
    clearFaults: () => world.faults.clear(),
    faults: () => world.faults.list(),
    effects: () => world.state.effects(),
    requests: () => world.requests.list(),
    buyerCancel: (postingNumber) => world.state.buyerCancel(postingNumber),
    setItemQuantity: (postingNumber, sku, quantity) =>
      world.state.setItemQuantity(postingNumber, sku, quantity),
    generatePostings(count, options) {
      world.state.generate(count, options);
      return { generated: count, total: world.state.store.count };
    },
    posting: (postingNumber) => world.state.snapshot(postingNumber),
    findPostings({ status, rfbs, limit = 100 } = {}) {
      const state = world.state;
      state.tick();
      const found: string[] = [];
      for (let i = 0; i < state.store.count && found.length < limit; i++) {
        if (status !== undefined && state.store.statusOf(i) !== status) continue;
        if (rfbs !== undefined && state.warehouseOf(i).isRfbs !== rfbs) continue;
        found.push(state.store.postingNumber(i));
      }
      return found;
    },
    reset: (seed) => world.reset(seed),
    setCredentialsExpiry(at) {
      world.state.credentialsExpireAt = at;
    },
    setRateLimit: (perSecond) => world.setRateLimit(perSecond),
    addCardWithoutSku() {
      const card = world.state.addCardWithoutSku();
      return { productId: String(card.productId), offerId: card.offerId };
    },
  };
}
