import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FaultRule, type Sandbox, TIMING } from '../../electron/core/sandbox';
import { control, type OzonCall, openSandbox } from './client';

let sandbox: Sandbox;
let call: OzonCall;

beforeEach(async () => {
  ({ sandbox, call } = await openSandbox({ seed: 3 }));
});
afterEach(() => sandbox.close());

const LIST = '/v4/posting/fbs/unfulfilled/list';

function readyToShip() {
  const number = sandbox.control.findPostings({
    status: 'awaiting_packaging',
    rfbs: false,
    limit: 1,
  })[0]!;
  const items = sandbox.control.posting(number)!.items;
  return {
    number,
    body: {
      posting_number: number,
      packages: [{ products: items.map((i) => ({ product_id: i.sku, quantity: i.quantity })) }],
    },
  };
}

async function pageThrough(limit: number): Promise<string[]> {
  const numbers: string[] = [];
  let cursor = '';
  for (let guard = 0; guard < 50; guard++) {
    const reply = await call(LIST, { limit, cursor });
    numbers.push(...reply.body.postings.map((p: any) => p.posting_number));
    if (!reply.body.has_next) return numbers;
    cursor = reply.body.cursor;
  }
  throw new Error('paging did not end');
}

describe('faults', () => {
  it('rate_limit: 429 with Retry-After, then normal replies', async () => {
    sandbox.control.setFaults([
      { path: '/v1/roles', kind: 'rate_limit', retryAfterSeconds: 7, count: 1 },
    ]);
    const limited = await call('/v1/roles');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body.code).toBe(8);
    expect((await call('/v1/roles')).status).toBe(200);
  });

  it('server_error: 500 or 503 with an Ozon error body', async () => {
    sandbox.control.setFaults([{ path: '*', kind: 'server_error', status: 503, count: 1 }]);
    const reply = await call('/v1/roles');
    expect(reply.status).toBe(503);
    expect(reply.body).toEqual({ code: 14, message: 'Service Unavailable', details: [] });
  });

  it('slow: the reply comes after the delay', async () => {
    sandbox.control.setFaults([{ path: '/v1/roles', kind: 'slow', delayMs: 300 }]);
    const started = performance.now();
    expect((await call('/v1/roles')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('timeout_after_effect: ship happens, the client gets no reply', async () => {
    const { number, body } = readyToShip();
    sandbox.control.setFaults([
      { path: '/v4/posting/fbs/ship', kind: 'timeout_after_effect', delayMs: 100 },
    ]);
    await expect(call('/v4/posting/fbs/ship', body)).rejects.toThrow();
    expect(sandbox.control.effects().postings[number]?.ship).toBe(1);
    expect(sandbox.control.posting(number)?.shipPending).toBe(true);
  });

  it('reset_before_effect: the connection drops and nothing happens', async () => {
    const { number, body } = readyToShip();
    sandbox.control.setFaults([
      { path: '/v4/posting/fbs/ship', kind: 'reset_before_effect', count: 1 },
    ]);
    await expect(call('/v4/posting/fbs/ship', body)).rejects.toThrow();
    expect(sandbox.control.effects().postings[number]).toBeUndefined();
    expect(sandbox.control.posting(number)?.shipPending).toBe(false);
    expect((await call('/v4/posting/fbs/ship', body)).status).toBe(200);
  });

  it('truncated_json: a 200 whose body is cut in the middle, after the effect', async () => {
    const { number, body } = readyToShip();
    sandbox.control.setFaults([{ path: '/v4/posting/fbs/ship', kind: 'truncated_json' }]);
    const reply = await call('/v4/posting/fbs/ship', body, { raw: true });
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.text)).toThrow();
    sandbox.control.advanceClock(TIMING.shipApplyMs);
    expect(sandbox.control.posting(number)?.status).toBe('awaiting_deliver');
  });

  it('html_error: a proxy error page instead of JSON', async () => {
    sandbox.control.setFaults([{ path: LIST, kind: 'html_error', count: 1 }]);
    const reply = await call(LIST, { limit: 1 }, { raw: true });
    expect(reply.status).toBe(502);
    expect(reply.headers.get('content-type')).toBe('text/html');
    expect(reply.text).toContain('<html>');
  });

  it('duplicate_page: a page comes twice; the set of postings stays the same', async () => {
    const clean = await pageThrough(10);
    sandbox.control.setFaults([{ path: LIST, kind: 'duplicate_page', count: 1 }]);
    const withDuplicate = await pageThrough(10);
    expect(withDuplicate.length).toBe(clean.length + 10);
    expect(new Set(withDuplicate)).toEqual(new Set(clean));
  });

  it('reorder_page: same postings, another order', async () => {
    const clean = (await call(LIST, { limit: 20 })).body.postings.map((p: any) => p.posting_number);
    sandbox.control.setFaults([{ path: LIST, kind: 'reorder_page', count: 1 }]);
    const shuffled = (await call(LIST, { limit: 20 })).body.postings.map(
      (p: any) => p.posting_number,
    );
    expect(shuffled).not.toEqual(clean);
    expect([...shuffled].sort()).toEqual([...clean].sort());
  });

  it('fires with a probability drawn from the seed, the same way every run', async () => {
    const rule: FaultRule = { path: '/v1/roles', kind: 'server_error', probability: 0.5 };
    const pattern = async () => {
      sandbox.control.reset(3);
      sandbox.control.setFaults([rule]);
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await call('/v1/roles')).status);
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
    expect(sandbox.control.faults()[0]?.fired).toBe(first.filter((s) => s === 500).length);
  });

  it('is set and cleared over HTTP too', async () => {
    const set = await control(sandbox, 'faults', {
      rules: [{ path: '*', kind: 'server_error', count: 2 }],
    });
    expect(set.body.rules).toHaveLength(1);
    expect((await call('/v1/roles')).status).toBe(500);
    await control(sandbox, 'faults/clear');
    expect((await call('/v1/roles')).status).toBe(200);
    const bad = await control(sandbox, 'faults', { rules: [{ path: '*', kind: 'nonsense' }] });
    expect(bad.status).toBe(400);
  });
});
