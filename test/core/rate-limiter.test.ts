import { describe, expect, it } from 'vitest';
import {
  AddressBackoff,
  createAuthLimiters,
  UserLockout,
} from '../../electron/core/lib/rate-limiter';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function clock() {
  const time = { now: 0 };
  return { time, now: () => time.now };
}

describe('UserLockout', () => {
  it('locks a user for 15 minutes after the 5th failure, however far apart the five were', () => {
    const { time, now } = clock();
    const lockout = new UserLockout(5, 15 * MINUTE, now);
    for (let i = 0; i < 5; i++) {
      expect(lockout.retryAfterSeconds('sam')).toBe(0);
      lockout.reserve('sam');
      time.now += 10 * MINUTE;
    }
    time.now -= 10 * MINUTE; // back to the 5th failure
    expect(lockout.retryAfterSeconds('sam')).toBe(15 * 60);
    expect(lockout.retryAfterSeconds('pat')).toBe(0);
    time.now += 15 * MINUTE - 1;
    expect(lockout.retryAfterSeconds('sam')).toBe(1);
    time.now += 1;
    expect(lockout.retryAfterSeconds('sam')).toBe(0);
    // The lock served, the count starts afresh.
    lockout.reserve('sam');
    expect(lockout.retryAfterSeconds('sam')).toBe(0);
  });

  it('forgives failures after 15 quiet minutes', () => {
    const { time, now } = clock();
    const lockout = new UserLockout(5, 15 * MINUTE, now);
    for (let i = 0; i < 4; i++) lockout.reserve('sam');
    time.now += 15 * MINUTE;
    lockout.reserve('sam');
    expect(lockout.retryAfterSeconds('sam')).toBe(0);
  });

  it('counts a reserved attempt until it is released, and forgets all on success', () => {
    const lockout = new UserLockout(2, MINUTE, () => 0);
    const first = lockout.reserve('sam');
    lockout.reserve('sam');
    expect(lockout.retryAfterSeconds('sam')).toBe(60);
    first.release();
    expect(lockout.retryAfterSeconds('sam')).toBe(0);
    lockout.reserve('sam');
    lockout.reset('sam');
    expect(lockout.retryAfterSeconds('sam')).toBe(0);
  });
});

describe('AddressBackoff', () => {
  it('lets 5 failures pass, then waits 2^(n−5) s after the n-th, at most 60 s', () => {
    const { time, now } = clock();
    const backoff = new AddressBackoff(5, MINUTE, 15 * MINUTE, now);
    const waits: number[] = [];
    for (let n = 1; n <= 12; n++) {
      backoff.reserve('http:127.0.0.1');
      const wait = backoff.retryAfterSeconds('http:127.0.0.1');
      waits.push(wait);
      time.now += wait * SECOND;
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 2, 4, 8, 16, 32, 60, 60]);
    expect(backoff.retryAfterSeconds('http:192.168.1.20')).toBe(0);
  });

  it('forgets each failure 15 minutes after it', () => {
    const { time, now } = clock();
    const backoff = new AddressBackoff(5, MINUTE, 15 * MINUTE, now);
    for (let i = 0; i < 6; i++) backoff.reserve('a');
    expect(backoff.retryAfterSeconds('a')).toBe(2);
    time.now += MINUTE;
    backoff.reserve('a'); // seven now, the wait grows from this one
    expect(backoff.retryAfterSeconds('a')).toBe(4);
    time.now += 14 * MINUTE; // the first six are forgotten, the seventh still counts
    expect(backoff.retryAfterSeconds('a')).toBe(0);
    for (let i = 0; i < 4; i++) backoff.reserve('a');
    expect(backoff.retryAfterSeconds('a')).toBe(0);
    backoff.reserve('a');
    expect(backoff.retryAfterSeconds('a')).toBe(2);
  });
});

describe('createAuthLimiters', () => {
  it('keeps passwords, PINs and addresses apart', () => {
    const limiters = createAuthLimiters(() => 0);
    for (let i = 0; i < 5; i++) limiters.loginByUser.reserve('sam');
    expect(limiters.loginByUser.retryAfterSeconds('sam')).toBe(15 * 60);
    expect(limiters.pinByUser.retryAfterSeconds('sam')).toBe(0);
    expect(limiters.byAddress.retryAfterSeconds('sam')).toBe(0);
  });
});
