import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../electron/core/auth/rate-limiter';

describe('RateLimiter', () => {
  it('locks a key at the limit within the window and frees it as failures age out', () => {
    const clock = { now: 0 };
    const limiter = new RateLimiter(3, 60_000, () => clock.now);
    limiter.reserve('a');
    clock.now = 10_000;
    limiter.reserve('a');
    expect(limiter.retryAfterSeconds('a')).toBe(0);
    limiter.reserve('a');
    expect(limiter.retryAfterSeconds('a')).toBe(50);
    expect(limiter.retryAfterSeconds('b')).toBe(0);
    clock.now = 60_001; // the first failure has aged out
    expect(limiter.retryAfterSeconds('a')).toBe(0);
  });

  it('counts a reserved attempt until it is released', () => {
    const limiter = new RateLimiter(2, 60_000, () => 0);
    const first = limiter.reserve('a');
    limiter.reserve('a');
    expect(limiter.retryAfterSeconds('a')).toBeGreaterThan(0);
    first.release();
    expect(limiter.retryAfterSeconds('a')).toBe(0);
  });

  it('forgets a key on success', () => {
    const limiter = new RateLimiter(1, 60_000, () => 0);
    limiter.reserve('a');
    expect(limiter.retryAfterSeconds('a')).toBeGreaterThan(0);
    limiter.reset('a');
    expect(limiter.retryAfterSeconds('a')).toBe(0);
  });
});
