export interface TakeResult {
  ok: boolean;
  /** Whole calls left before a 429 (the `Ratelimit-Remaining` header). */
  remaining: number;
  /** Whole seconds until one call is allowed again (the `Retry-After` header). */
  retryAfterSeconds: number;
}

/**
 * Token buckets per key (Client-Id). They run on the wall clock, not the sandbox clock: a rate
 * limit is about how fast the client really sends, and a manual sandbox clock never refills.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private capacity: number | null,
    private readonly periodMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Calls allowed per period; null switches the limit off (benchmarks). */
  setCapacity(capacity: number | null): void {
    this.capacity = capacity;
    this.buckets.clear();
  }

  take(key: string): TakeResult {
    const capacity = this.capacity;
    if (capacity === null) return { ok: true, remaining: 1_000_000, retryAfterSeconds: 0 };
    const now = this.now();
    const refillPerMs = capacity / this.periodMs;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * refillPerMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    const waitMs = (1 - bucket.tokens) / refillPerMs;
    return { ok: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
