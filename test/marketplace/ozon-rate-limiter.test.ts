import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../electron/core/marketplace/ozon/rate-limiter';
import { json, sendJson, startFakeOzon, type FakeOzon } from './fake-ozon';
import { connectorFor, failure, fakeClock, postingJson } from './ozon-fixtures';

/** The most calls that fall inside any window of `windowMs` (arrival times, sorted). */
function busiestWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j += 1) {
    while ((times[j] ?? 0) - (times[i] ?? 0) >= windowMs) i += 1;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe('RateLimiter', () => {
  it('grants at most `limit` calls in any window, waiting instead of failing', async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter({ q: { limit: 3, windowMs: 1_000 } }, clock.now, clock.sleep);
    const granted: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      await limiter.acquire(['q']);
      granted.push(clock.t);
    }
    expect(granted).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
  });

  it('a call waiting on its own quota does not hold up calls under other quotas', async () => {
    let t = 0;
    const sleeps: { ms: number; wake: () => void }[] = [];
    const limiter = new RateLimiter(
      { global: { limit: 50, windowMs: 1_000 }, stocks: { limit: 1, windowMs: 60_000 } },
      () => t,
      (ms) => new Promise<void>((wake) => sleeps.push({ ms, wake })),
    );
    await limiter.acquire(['global', 'stocks']);
    const order: string[] = [];
    const secondStock = limiter.acquire(['global', 'stocks']).then(() => order.push('stock 2'));
    const thirdStock = limiter.acquire(['global', 'stocks']).then(() => order.push('stock 3'));
    await limiter.acquire(['global', 'postings']).then(() => order.push('postings'));
    expect(order).toEqual(['postings']);
    expect(sleeps.map((s) => s.ms)).toEqual([60_000]);
    t = 60_000;
    sleeps.shift()?.wake();
    await secondStock;
    // The third waits its own minute behind the second, in arrival order.
    expect(order).toEqual(['postings', 'stock 2']);
    expect(sleeps.map((s) => s.ms)).toEqual([60_000]);
    t = 120_000;
    sleeps.shift()?.wake();
    await thirdStock;
    expect(order).toEqual(['postings', 'stock 2', 'stock 3']);
  });

  it('a block (a 429 Retry-After) delays later calls under that name only', async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter({}, clock.now, clock.sleep);
    limiter.block(['/v2/products/stocks'], 10_000);
    await limiter.acquire(['global', '/v3/posting/fbs/get']);
    expect(clock.t).toBe(0);
    await limiter.acquire(['global', '/v2/products/stocks']);
    expect(clock.t).toBe(10_000);
  });
});

describe('the connector under Ozon quotas', () => {
  let fake: FakeOzon;
  beforeEach(async () => {
    fake = await startFakeOzon();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('keeps stock updates to 80 per minute, the first 80 waiting only for the per-second limit', async () => {
    const clock = fakeClock();
    const start = clock.t;
    const arrivals: number[] = [];
    fake.route('/v2/products/stocks', (_request, res) => {
      arrivals.push(clock.t);
      sendJson(
        res,
        200,
        '{"result":[{"warehouse_id":1,"offer_id":"A","updated":true,"errors":[]}]}',
      );
    });
    const connector = connectorFor(fake, { now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 200; i += 1) {
      const [result] = await connector.updateStocks([
        { productId: '1', offerId: 'A', warehouseId: '1', stock: i },
      ]);
      expect(result?.ok).toBe(true);
    }
    expect(arrivals).toHaveLength(200);
    expect(arrivals.slice(0, 50).every((t) => t === start)).toBe(true);
    expect(arrivals[79]! - start).toBeLessThan(2_000);
    expect(arrivals[80]! - start).toBeGreaterThanOrEqual(60_000);
    expect(busiestWindow(arrivals, 60_000)).toBeLessThanOrEqual(80);
    // Waiting is all the limiter did: 200 calls in about two and a half minutes, nothing failed.
    expect(arrivals.at(-1)! - start).toBeLessThan(3 * 61_000);
  });

  it('keeps all calls together to 50 per second', async () => {
    const clock = fakeClock();
    const arrivals: number[] = [];
    fake.route('/v3/posting/fbs/get', (_request, res) => {
      arrivals.push(clock.t);
      sendJson(res, 200, `{"result":${postingJson()}}`);
    });
    fake.route('/v2/products/stocks', (_request, res) => {
      arrivals.push(clock.t);
      sendJson(res, 200, '{"result":[]}');
    });
    const connector = connectorFor(fake, { now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 130; i += 1) {
      if (i % 2 === 0) await connector.getPosting('0132112277-0101-1');
      else
        await connector.updateStocks([
          { productId: '1', offerId: 'A', warehouseId: '1', stock: 1 },
        ]);
    }
    expect(busiestWindow(arrivals, 1_000)).toBeLessThanOrEqual(50);
    expect(clock.slept.length).toBeGreaterThan(0);
  });

  it('after a 429 the next call to that method waits out Retry-After instead of hitting it again', async () => {
    const clock = fakeClock();
    const start = clock.t;
    const arrivals: number[] = [];
    fake.route('/v2/products/stocks', (_request, res) => {
      arrivals.push(clock.t);
      if (arrivals.length === 1) {
        sendJson(res, 429, '{"code":8,"message":"Too many requests"}', { 'Retry-After': '10' });
      } else {
        sendJson(res, 200, '{"result":[]}');
      }
    });
    fake.route('/v1/roles', json(200, '{"expires_at":"","roles":[]}'));
    const connector = connectorFor(fake, { now: clock.now, sleep: clock.sleep });
    const update = [{ productId: '1', offerId: 'A', warehouseId: '1', stock: 1 }];
    const error = await failure(connector.updateStocks(update), 'rate_limited');
    expect(error.details.retryAfterMs).toBe(10_000);
    await connector.checkCredentials(); // other methods are not held back
    expect(clock.t).toBe(start);
    await connector.updateStocks(update);
    expect(arrivals).toEqual([start, start + 10_000]);
  });
});
