import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, sendJson, startFakeOzon, type FakeOzon } from './fake-ozon';
import {
  API_KEY,
  connectorFor,
  expectValidRequests,
  failure,
  fakeClock,
  postingJson,
} from './ozon-fixtures';

/**
 * How the connector turns what the wire does into a `MarketplaceError` kind. Read-only calls
 * use getPosting/listWarehouses; mutating ones use ship/cancel, whose repeat could apply twice.
 */
let fake: FakeOzon;
beforeEach(async () => {
  fake = await startFakeOzon();
});
afterEach(async () => {
  expectValidRequests(fake.requests);
  await fake.close();
});

const SHIP = [{ items: [{ sku: '827098843', quantity: 1 }] }];

describe('requests', () => {
  it('POSTs JSON with Client-Id and Api-Key, and never logs the key', async () => {
    const lines: string[] = [];
    const log = {
      debug: (fields: object, message?: string) => lines.push(JSON.stringify([fields, message])),
      info: () => undefined,
      warn: (fields: object, message?: string) => lines.push(JSON.stringify([fields, message])),
      error: () => undefined,
      child() {
        return log;
      },
    };
    fake.route('/v3/posting/fbs/get', json(200, `{"result":${postingJson()}}`));
    fake.route('/v1/roles', json(500, '{"code":13,"message":"Internal error"}'));
    const connector = connectorFor(fake, { log });
    await connector.getPosting('0132112277-0101-1');
    await failure(connector.checkCredentials(), 'transient');
    expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(fake.requests[0]?.headers['client-id']).toBe('123456');
    expect(fake.requests[0]?.headers['api-key']).toBe(API_KEY);
    expect(fake.requests[1]?.text).toBe('{}');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(API_KEY);
  });
});

describe('HTTP statuses and Ozon messages', () => {
  it('429 is rate_limited with Retry-After in seconds', async () => {
    fake.route(
      '/v2/warehouse/list',
      json(429, '{"code":8,"message":"You have reached request rate limit per second"}', {
        'Retry-After': '7',
      }),
    );
    const error = await failure(connectorFor(fake).listWarehouses(), 'rate_limited');
    expect(error.details).toMatchObject({ status: 429, retryAfterMs: 7_000 });
  });

  it('429 with Retry-After as an HTTP date counts from our clock; a string code is fine', async () => {
    const clock = fakeClock(Date.parse('2026-05-14T08:00:00Z'));
    fake.route(
      '/v2/warehouse/list',
      json(
        429,
        '{"code":"RESOURCE_EXHAUSTED","message":"You have reached operation items limits. Retry after 120 seconds."}',
        { 'Retry-After': 'Thu, 14 May 2026 08:00:30 GMT' },
      ),
    );
    const connector = connectorFor(fake, { now: clock.now, sleep: clock.sleep });
    const error = await failure(connector.listWarehouses(), 'rate_limited');
    expect(error.details.retryAfterMs).toBe(30_000);
  });

  it('429 without Retry-After takes the delay from the message', async () => {
    fake.route(
      '/v2/warehouse/list',
      json(429, '{"code":"RESOURCE_EXHAUSTED","message":"Limit reached. Retry after 120 seconds"}'),
    );
    const error = await failure(connectorFor(fake).listWarehouses(), 'rate_limited');
    expect(error.details.retryAfterMs).toBe(120_000);
  });

  it('5xx is transient, and the connector does not retry it itself', async () => {
    fake.route('/v2/warehouse/list', json(502, '<html><body>Bad gateway</body></html>'));
    fake.route('/v4/posting/fbs/ship', json(500, '{"code":13,"message":"Internal error"}'));
    const connector = connectorFor(fake);
    expect((await failure(connector.listWarehouses(), 'transient')).details.status).toBe(502);
    await failure(connector.ship('0132112277-0101-1', SHIP), 'transient');
    expect(fake.requests).toHaveLength(2);
  });

  it('a gateway 502/504 on a mutating call is uncertain: the backend may have applied it', async () => {
    fake.route('/v4/posting/fbs/ship', json(504, '<html>Gateway Time-out</html>'));
    fake.route('/v2/posting/fbs/cancel', json(502, '<html>Bad Gateway</html>'));
    fake.route('/v3/posting/fbs/get', json(504, '<html>Gateway Time-out</html>'));
    const connector = connectorFor(fake);
    await failure(connector.ship('0132112277-0101-1', SHIP), 'uncertain');
    await failure(connector.cancel('0132112277-0101-1', '352'), 'uncertain');
    await failure(connector.getPosting('0132112277-0101-1'), 'transient');
  });

  it('"Circle is open" is transient with a long hint, whatever the status', async () => {
    fake.route('/v4/posting/fbs/ship', json(400, '{"code":14,"message":"Circle is open"}'));
    const error = await failure(connectorFor(fake).ship('0132112277-0101-1', SHIP), 'transient');
    expect(error.details.retryAfterMs).toBe(60_000);
  });

  it('the per-second limit message without a 429 is transient', async () => {
    fake.route(
      '/v2/warehouse/list',
      json(400, '{"code":8,"message":"You have reached request rate limit per second"}'),
    );
    const error = await failure(connectorFor(fake).listWarehouses(), 'transient');
    expect(error.details.retryAfterMs).toBeGreaterThanOrEqual(1_000);
  });

  it.each([
    [403, 'Invalid Api-Key, please check the key and try again'],
    [403, 'Invalid Api-Key, please contact support'],
    [403, 'Api-key is deactivated, use another one or generate a new one'],
    [403, 'Api-Key is restricted to specific IP addresses'],
    [401, 'Unauthenticated'],
  ])('%i "%s" is auth', async (status, message) => {
    fake.route('/v2/warehouse/list', json(status, JSON.stringify({ code: 7, message })));
    const error = await failure(connectorFor(fake).listWarehouses(), 'auth');
    expect(error.details.status).toBe(status);
  });

  it('403 for a missing role is rejected for that call, not an account-wide auth stop', async () => {
    fake.route(
      '/v2/warehouse/list',
      json(403, '{"code":7,"message":"Api-Key is missing a required role for a method"}'),
    );
    const error = await failure(connectorFor(fake).listWarehouses(), 'rejected');
    expect(error.details.code).toBe('Api-Key is missing a required role for a method');
  });

  it('a 400 business error is rejected with Ozon message as the code', async () => {
    fake.route(
      '/v4/posting/fbs/ship',
      json(400, '{"code":3,"message":"HAS_INCORRECT_STATUS","details":[]}'),
    );
    const error = await failure(connectorFor(fake).ship('0132112277-0101-1', SHIP), 'rejected');
    expect(error.details).toMatchObject({ status: 400, code: 'HAS_INCORRECT_STATUS' });
  });

  it('falls back to the gRPC code when there is no message, and reads the old error shape', async () => {
    fake.route('/v2/warehouse/list', json(409, '{"code":"ALREADY_EXISTS"}'));
    fake.route(
      '/v2/posting/fbs/cancel-reason/list',
      json(400, '{"error":{"code":"BAD_REQUEST","message":"NOT_FOUND_ERROR","data":[]}}'),
    );
    const connector = connectorFor(fake);
    expect((await failure(connector.listWarehouses(), 'rejected')).details.code).toBe(
      'ALREADY_EXISTS',
    );
    expect((await failure(connector.cancelReasons(), 'rejected')).details.code).toBe(
      'NOT_FOUND_ERROR',
    );
  });
});

describe('bodies that cannot be read', () => {
  it('truncated JSON and HTML on a read are malformed', async () => {
    fake.route('/v2/warehouse/list', json(200, '{"warehouses":[{"warehouse_id":10200050'));
    fake.route('/v1/roles', (_r, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><html><body>Login to Wi-Fi</body></html>');
    });
    const connector = connectorFor(fake);
    await failure(connector.listWarehouses(), 'malformed');
    await failure(connector.checkCredentials(), 'malformed');
  });

  it('a 4xx HTML page is malformed, not a business rejection', async () => {
    fake.route('/v2/warehouse/list', json(400, '<html>Bad Request</html>'));
    const error = await failure(connectorFor(fake).listWarehouses(), 'malformed');
    expect(error.details.status).toBe(400);
  });

  it('valid JSON of the wrong shape is malformed', async () => {
    fake.route('/v2/warehouse/list', json(200, '{"result":"ok"}'));
    fake.route('/v4/posting/fbs/list', json(200, '[1,2,3]'));
    const connector = connectorFor(fake);
    await failure(connector.listWarehouses(), 'malformed');
    await failure(
      connector.listPostings({ changedSince: 0, until: Date.now(), cursor: null }),
      'malformed',
    );
  });

  it('an unreadable success reply to a mutating call is uncertain: it may have applied', async () => {
    fake.route('/v4/posting/fbs/ship', json(200, '{"result":["0132112277-01'));
    await failure(connectorFor(fake).ship('0132112277-0101-1', SHIP), 'uncertain');
  });
});

describe('broken connections', () => {
  it('a reply that never comes: uncertain for a mutating call, transient for a read', async () => {
    const held = () => undefined; // reads the request, never answers
    fake.route('/v4/posting/fbs/ship', held);
    fake.route('/v2/posting/fbs/cancel', held);
    fake.route('/v3/posting/fbs/get', held);
    const connector = connectorFor(fake, { timeoutMs: 300 });
    const shipError = await failure(connector.ship('0132112277-0101-1', SHIP), 'uncertain');
    expect(shipError.message).toMatch(/300 ms/);
    await failure(connector.cancel('0132112277-0101-1', '352'), 'uncertain');
    await failure(connector.getPosting('0132112277-0101-1'), 'transient');
    // The server did receive the bodies: that is exactly why the outcome is uncertain.
    expect(fake.calls('/v4/posting/fbs/ship')[0]?.body.posting_number).toBe('0132112277-0101-1');
  });

  it('a connection reset after the body was sent: uncertain for a mutating call, transient for a read', async () => {
    const reset = (_r: unknown, _res: unknown, socket: { destroy(): void }) => socket.destroy();
    fake.route('/v2/products/stocks', reset);
    fake.route('/v2/warehouse/list', reset);
    const connector = connectorFor(fake);
    await failure(
      connector.updateStocks([
        { productId: '3397917680', offerId: 'SK-58', warehouseId: '1020005003107121', stock: 1 },
      ]),
      'uncertain',
    );
    await failure(connector.listWarehouses(), 'transient');
  });

  it('a body cut off mid-reply on a mutating call is uncertain', async () => {
    fake.route('/v4/posting/fbs/ship', (_r, res, socket) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
      res.write('{"result":["0132112277-0101-1"');
      setTimeout(() => socket.destroy(), 20);
    });
    await failure(connectorFor(fake).ship('0132112277-0101-1', SHIP), 'uncertain');
  });

  it('connection refused is transient even for a mutating call: nothing was sent', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const connector = connectorFor({ ...fake, url: `http://127.0.0.1:${port}` });
    const error = await failure(connector.ship('0132112277-0101-1', SHIP), 'transient');
    expect(error.details.code).toBe('ECONNREFUSED');
  });

  it('a connection that is kept alive between calls is reused without confusing replies', async () => {
    fake.route('/v2/posting/fbs/cancel', (_r, res) => sendJson(res, 200, '{"result":true}'));
    const connector = connectorFor(fake);
    await connector.cancel('0132112277-0101-1', '352');
    await connector.cancel('0132112277-0101-2', '352');
    expect(fake.calls('/v2/posting/fbs/cancel').map((r) => r.body.posting_number)).toEqual([
      '0132112277-0101-1',
      '0132112277-0101-2',
    ]);
  });
});
