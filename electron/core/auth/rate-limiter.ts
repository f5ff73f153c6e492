/** An attempt counted as failed from the moment it was admitted, until its secret proves right. */
export interface Reservation {
  release(): void;
}

interface Failure {
  at: number;
}

/**
 * Counts failed attempts per key (a user name, an address) in a sliding window and locks the
 * key out once the limit is reached (ASVS 2.2.1). Success clears the key. In memory on purpose:
 * a restart forgives, which is acceptable for a counter app and avoids a write per failure.
 *
 * An attempt is reserved before its secret is checked, not recorded after: checking a secret
 * takes a slow hash, and guesses sent in parallel would otherwise all pass the check before the
 * first of them had failed.
 */
export class RateLimiter {
  private readonly failures = new Map<string, Failure[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again, or 0 if it may try now. */
  retryAfterSeconds(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    const oldest = recent[recent.length - this.limit]?.at ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  /**
   * Counts an attempt as failed now. Call it right after `retryAfterSeconds` answered 0, with no
   * `await` between, so no other attempt can be admitted on the same count.
   */
  reserve(key: string): Reservation {
    const failure = { at: this.now() };
    this.failures.set(key, [...this.recent(key), failure]);
    return { release: () => this.forget(key, failure) };
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private forget(key: string, failure: Failure) {
    const left = this.recent(key).filter((kept) => kept !== failure);
    if (left.length === 0) this.failures.delete(key);
    else this.failures.set(key, left);
  }

  private recent(key: string): Failure[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((failure) => failure.at > since);
  }
}
