/** An attempt counted as failed from the moment it was admitted, until its secret proves right. */
export interface Reservation {
  release(): void;
}

interface Failure {
  at: number;
}

const MINUTE = 60 * 1000;
/** Keys whose failures have all been forgiven are dropped this often, so memory stays bounded. */
const SWEEP_EVERY_MS = 15 * MINUTE;

/**
 * Failed attempts at a secret per key (a user name, an address) and how long the key must wait
 * before its next attempt (ASVS 2.2.1). In memory on purpose: a restart forgives, but only
 * someone at the station machine can restart it, and no failure costs a database write.
 *
 * An attempt is reserved before its secret is checked, not recorded after: checking a secret
 * takes a slow hash, and guesses sent in parallel would otherwise all pass the check before the
 * first of them had failed.
 */
export abstract class FailureLimiter {
  private readonly failures = new Map<string, readonly Failure[]>();
  private lastSweep: number;

  constructor(protected readonly now: () => number) {
    this.lastSweep = now();
  }

  /** Seconds until `key` may try again, or 0 if it may try now. */
  retryAfterSeconds(key: string): number {
    const waitMs = this.waitMs(this.counted(key));
    return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
  }

  /**
   * Counts an attempt as failed now. Call it right after `retryAfterSeconds` answered 0, with no
   * `await` between, so no other attempt can be admitted on the same count.
   */
  reserve(key: string): Reservation {
    this.sweepNow();
    const failure = { at: this.now() };
    this.store(key, [...this.counted(key), failure]);
    return { release: () => this.forget(key, failure) };
  }

  /** Forgets every failure of `key`: its owner has proved the secret. */
  reset(key: string): void {
    this.failures.delete(key);
  }

  /** Which of a key's failures, oldest first, still count now. */
  protected abstract stillCounted(failures: readonly Failure[]): readonly Failure[];

  /** Milliseconds from now until a key with these failures may try again. */
  protected abstract waitMs(failures: readonly Failure[]): number;

  private counted(key: string): readonly Failure[] {
    return this.store(key, this.stillCounted(this.failures.get(key) ?? []));
  }

  private forget(key: string, failure: Failure) {
    this.store(
      key,
      this.counted(key).filter((kept) => kept !== failure),
    );
  }

  private store(key: string, failures: readonly Failure[]) {
    if (failures.length === 0) this.failures.delete(key);
    else this.failures.set(key, failures);
    return failures;
  }

  private sweepNow() {
    if (this.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = this.now();
    for (const key of [...this.failures.keys()]) this.counted(key);
  }
}

/**
 * Per user: `limit` failures lock the user for `lockMs` after the last of them. Failures add up
 * while less than `lockMs` passes between them; a quiet `lockMs` forgives them all.
 */
export class UserLockout extends FailureLimiter {
  constructor(
    private readonly limit: number,
    private readonly lockMs: number,
    now: () => number,
  ) {
    super(now);
  }

  protected stillCounted(failures: readonly Failure[]): readonly Failure[] {
    const last = failures.at(-1);
    return last && last.at > this.now() - this.lockMs ? failures : [];
  }

  protected waitMs(failures: readonly Failure[]): number {
    const last = failures.at(-1);
    return last && failures.length >= this.limit ? last.at + this.lockMs - this.now() : 0;
  }
}

/**
 * Per address: the first `free` failures cost nothing; after n > `free` of them the next attempt
 * waits 2^(n − free) s after the latest, at most `capMs`. Each failure counts for `windowMs`.
 * Never a lock: the colleagues who share the address (every browser on the station machine is
 * 127.0.0.1) wait at most `capMs`, while a guesser is held to one try per `capMs`.
 */
export class AddressBackoff extends FailureLimiter {
  constructor(
    private readonly free: number,
    private readonly capMs: number,
    private readonly windowMs: number,
    now: () => number,
  ) {
    super(now);
  }

  protected stillCounted(failures: readonly Failure[]): readonly Failure[] {
    const since = this.now() - this.windowMs;
    return failures.filter((failure) => failure.at > since);
  }

  protected waitMs(failures: readonly Failure[]): number {
    const last = failures.at(-1);
    const beyondFree = failures.length - this.free;
    if (!last || beyondFree <= 0) return 0;
    return last.at + Math.min(this.capMs, 1000 * 2 ** beyondFree) - this.now();
  }
}

/** The limits on guessing secrets, shared by every transport. */
export interface AuthLimiters {
  /** Failed password logins per user name: stops guessing one account's password. */
  loginByUser: UserLockout;
  /** Failed PIN switches per user name switched to; a PIN is short, so its lock is as strict. */
  pinByUser: UserLockout;
  /**
   * Failed logins and PIN switches per address (`Caller.origin`), unknown user names included:
   * slows one address trying many accounts without locking out the others who share it.
   */
  byAddress: AddressBackoff;
}

export function createAuthLimiters(now: () => number): AuthLimiters {
  return {
    loginByUser: new UserLockout(5, 15 * MINUTE, now),
    pinByUser: new UserLockout(5, 15 * MINUTE, now),
    byAddress: new AddressBackoff(5, MINUTE, 15 * MINUTE, now),
  };
}
