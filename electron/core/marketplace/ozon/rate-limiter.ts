/**
 * Client-side limits for Ozon's documented quotas. Staying under them is cheaper than being
 * told off: a 429 costs a round trip, and Ozon may cut off a client that floods it. So a call
 * over quota waits here instead of failing; the sync engine never sees it.
 *
 * Each quota is "at most `limit` calls in any `windowMs`", enforced over a sliding window of
 * the times granted. A classic token bucket with a burst of N admits up to 2N calls inside one
 * window (a full bucket plus a window's refill), which is exactly what a per-minute quota
 * forbids; the sliding log never does, and costs one timestamp per call.
 */
export interface Quota {
  limit: number;
  windowMs: number;
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class Window {
  /** Times at which calls were granted, oldest first; never more than `limit` of them. */
  private readonly granted: number[] = [];

  constructor(private readonly quota: Quota) {}

  /** When a call could go out, seen from `now` (equal to `now` if right away). */
  earliest(now: number): number {
    if (this.granted.length < this.quota.limit) return now;
    const oldest = this.granted[this.granted.length - this.quota.limit] ?? 0;
    return Math.max(now, oldest + this.quota.windowMs);
  }

  grant(at: number): void {
    this.granted.push(at);
    if (this.granted.length > this.quota.limit) this.granted.shift();
  }
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  /** A server's Retry-After per name (a quota or just a path): nothing goes out before it. */
  private readonly blockedUntil = new Map<string, number>();
  /**
   * Calls with the same quotas are served in arrival order, so a waiting stock update is not
   * overtaken by a newer one; calls with other quotas (a posting list behind a stock update
   * that waits for its minute) are not held up by it.
   */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly quotas: Record<string, Quota>,
    private readonly now: () => number,
    private readonly sleep: Sleep = realSleep,
  ) {}

  /**
   * Waits until every named quota has room, then takes one call from each. Unknown names are
   * ignored, so callers can pass every quota that could apply to a path.
   */
  acquire(names: readonly string[]): Promise<void> {
    const key = names.join('|');
    const turn = (this.queues.get(key) ?? Promise.resolve()).then(() => this.take(names));
    // A failed turn must not jam the queue for everyone behind it.
    const settled = turn.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return turn;
  }

  /**
   * Honours a server's Retry-After: later calls under these names wait it out instead of
   * earning another 429. Names need no quota (a path Ozon throttles without documenting it).
   */
  block(names: readonly string[], untilMs: number): void {
    for (const name of names) {
      this.blockedUntil.set(name, Math.max(this.blockedUntil.get(name) ?? 0, untilMs));
    }
  }

  private async take(names: readonly string[]): Promise<void> {
    const windows = this.windowsFor(names);
    // Re-checked after every sleep: a call with other quotas may have used a shared window
    // (the global one) meanwhile.
    for (;;) {
      const now = this.now();
      const at = Math.max(
        now,
        ...names.map((name) => this.blockedUntil.get(name) ?? 0),
        ...windows.map((window) => window.earliest(now)),
      );
      if (at <= now) {
        for (const window of windows) window.grant(now);
        return;
      }
      await this.sleep(at - now);
    }
  }

  private windowsFor(names: readonly string[]): Window[] {
    const windows: Window[] = [];
    for (const name of names) {
      const quota = this.quotas[name];
      if (!quota) continue;
      let window = this.windows.get(name);
      if (!window) {
        window = new Window(quota);
        this.windows.set(name, window);
      }
      windows.push(window);
    }
    return windows;
  }
}

/**
 * Ozon's documented quotas (ozon-seller-api.md §1.3). The global one is per Client-Id across
 * all methods; the per-method ones add to it. Windows are stretched slightly beyond the
 * documented second/minute because Ozon counts arrival times, and network jitter can bring
 * two calls we spaced exactly one window apart closer together on its side.
 */
export const OZON_QUOTAS: Record<string, Quota> = {
  global: { limit: 50, windowMs: 1_050 },
  '/v2/products/stocks': { limit: 80, windowMs: 61_000 },
  '/v1/warehouse/list': { limit: 1, windowMs: 61_000 },
};

/**
 * The names a call to `path` waits on: the global quota and the path itself (which has a quota
 * of its own only for some methods, but can always be blocked by a 429).
 */
export function quotasFor(path: string): string[] {
  return ['global', path];
}
