import { type ClockMode, createClock } from './clock';
import { Faults } from './faults';
import { rngFor, type Rng } from './random';
import { TokenBuckets } from './rate-limit';
import { RequestLog } from './request-log';
import { STREAM } from './seed-data';
import { SandboxState } from './state';

/** Ozon's global limit: 50 requests per second per Client-Id (§1.3). */
export const GLOBAL_RATE_PER_SECOND = 50;

/** Per-method limits from the method descriptions, counted per Client-Id. */
export const METHOD_LIMITS: Record<string, { calls: number; periodMs: number }> = {
  '/v2/products/stocks': { calls: 80, periodMs: 60_000 },
};

export interface WorldOptions {
  seed: number;
  clock: ClockMode;
  startAt: number;
}

/**
 * Everything a reset replaces: the marketplace state on a fresh clock, the fault rules and the
 * random streams drawn from the seed. Rate-limit buckets live here too so a reset clears them.
 */
export class World {
  state!: SandboxState;
  faults!: Faults;
  rng!: Rng;
  readonly globalLimit = new TokenBuckets(GLOBAL_RATE_PER_SECOND, 1000);
  /** Seller API calls answered since the last reset, for tests (see `control.requests()`). */
  readonly requests = new RequestLog();
  readonly methodLimits = new Map(
    Object.entries(METHOD_LIMITS).map(([path, limit]) => [
      path,
      new TokenBuckets(limit.calls, limit.periodMs),
    ]),
  );

  constructor(private options: WorldOptions) {
    this.reset(options.seed);
  }

  reset(seed = this.options.seed): void {
    this.options = { ...this.options, seed };
    this.state = new SandboxState(seed, createClock(this.options.clock, this.options.startAt));
    this.faults = new Faults(seed);
    this.rng = rngFor(seed, STREAM.faults);
    this.requests.clear();
    this.globalLimit.setCapacity(GLOBAL_RATE_PER_SECOND);
    for (const [path, buckets] of this.methodLimits)
      buckets.setCapacity(METHOD_LIMITS[path]?.calls ?? null);
  }

  /** Benchmarks switch limits off (null); anything else sets the global per-second rate. */
  setRateLimit(perSecond: number | null): void {
    this.globalLimit.setCapacity(perSecond);
    for (const [path, buckets] of this.methodLimits) {
      buckets.setCapacity(perSecond === null ? null : (METHOD_LIMITS[path]?.calls ?? null));
    }
  }
}
