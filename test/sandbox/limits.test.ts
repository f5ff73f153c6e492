import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox';
import { type OzonCall, openSandbox, SINCE } from './client';

let sandbox: Sandbox;
let call: OzonCall;

beforeEach(async () => {
  ({ sandbox, call } = await openSandbox({ seed: 2 }));
});
afterEach(() => sandbox.close());

describe('rate limits', () => {
  it('answers 429 with code 8 and Retry-After past 50 requests per second', async () => {
    // The sandbox compiles its schema checks on first use; done here, not during the burst.
    await call('/v1/roles');
    await call('/v1/roles', {}, { headers: { 'Api-Key': 'wrong' } });
    // Far more than a second's worth, so a slow, busy machine still outruns the refill.
    const replies = await Promise.all(Array.from({ length: 200 }, () => call('/v1/roles')));
    const limited = replies.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    // The whole bucket is served first.
    expect(replies.length - limited.length).toBeGreaterThanOrEqual(50);
    expect(limited[0]!.body).toEqual({
      code: 8,
      message: 'You have reached request rate limit per second',
      details: [],
    });
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const ok = replies.find((r) => r.status === 200)!;
    expect(Number(ok.headers.get('ratelimit-remaining'))).toBeGreaterThanOrEqual(0);
  });

  it('limits stock updates to 80 calls a minute', async () => {
    sandbox.control.setRateLimit(10_000);
    const statuses: number[] = [];
    for (let i = 0; i < 81; i++) {
      const body = `{"stocks":[{"offer_id":"nope","product_id":1,"warehouse_id":21020005003107121,"stock":1}]}`;
      statuses.push((await call('/v2/products/stocks', body)).status);
    }
    expect(statuses.slice(0, 80).every((s) => s === 200)).toBe(true);
    expect(statuses[80]).toBe(429);
  });

  it('can be switched off for benchmarks', async () => {
    sandbox.control.setRateLimit(null);
    const replies = await Promise.all(Array.from({ length: 120 }, () => call('/v1/roles')));
    expect(replies.every((r) => r.status === 200)).toBe(true);
  });
});

describe('auth and protocol errors', () => {
  it('refuses a bad or missing key with 403 code 7', async () => {
    const bad = await call('/v1/roles', {}, { headers: { 'Api-Key': 'wrong' } });
    expect(bad.status).toBe(403);
    expect(bad.body).toEqual({
      code: 7,
      message: 'Invalid Api-Key, please check the key and try again',
      details: [],
    });
    const missing = await fetch(`${sandbox.url}/v1/roles`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(403);
  });

  it('answers unknown paths and verbs with "method is not allowed"', async () => {
    const unknown = await call('/v9/nothing/here' as string, {}, { invalidRequest: true });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('method is not allowed');
    const get = await fetch(`${sandbox.url}/v1/roles`, {
      headers: { 'Client-Id': sandbox.clientId, 'Api-Key': sandbox.apiKey },
    });
    expect(get.status).toBe(404);
  });

  it('expires the key when told to', async () => {
    const at = sandbox.control.now() + 1_000;
    sandbox.control.setCredentialsExpiry(at);
    expect((await call('/v1/roles')).body.expires_at).toBe(new Date(at).toISOString());
    sandbox.control.advanceClock(1_000);
    const expired = await call('/v1/roles');
    expect(expired.status).toBe(403);
    expect(expired.body.message).toBe(
      'Api-key is deactivated, use another one or generate a new one',
    );
  });

  it('checks list parameters: limit 1–100, a period of at most a year, a filter', async () => {
    const list = (body: object) => call('/v4/posting/fbs/list', body, { invalidRequest: true });
    const filter = { since: SINCE, to: '2026-05-14T00:00:00Z' };
    expect((await list({ filter, limit: 0 })).status).toBe(400);
    expect((await list({ filter, limit: 101 })).status).toBe(400);
    expect((await list({ limit: 10 })).status).toBe(400);
    expect(
      (
        await list({
          filter: { since: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
          limit: 10,
        })
      ).status,
    ).toBe(400);
    expect((await list({ filter, limit: 10, cursor: '%%%' })).status).toBe(400);
    expect(
      (await call('/v2/warehouse/list', { limit: 201 }, { invalidRequest: true })).status,
    ).toBe(400);
  });

  it('serves controls without a key', async () => {
    const reply = await fetch(`${sandbox.url}/_sandbox/now`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(((await reply.json()) as { now: number }).now).toBe(sandbox.control.now());
  });
});
