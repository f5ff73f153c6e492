import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, TIMING } from '../../electron/core/sandbox';
import { createCallCheck } from '../../electron/core/sandbox/openapi/call-check';
import { hasOperation } from '../../electron/core/sandbox/openapi/validator';
import { type OzonCall, openSandbox, SINCE, UNTIL } from './client';

/**
 * The sandbox checks every request and reply against Ozon's published schema at run time. The
 * client in ./client checks them too, independently, from the test's side.
 */
let sandbox: Sandbox;
let call: OzonCall;
let closed: boolean;

beforeEach(async () => {
  ({ sandbox, call } = await openSandbox({ seed: 9 }));
  closed = false;
});
afterEach(async () => {
  if (!closed) await sandbox.close();
});

const WAREHOUSE = '21020005003107121';

async function firstProduct() {
  const list = await call('/v3/product/list', { limit: 1 });
  return list.body.result.items[0] as { offer_id: string; product_id: number };
}

describe('requests that break the schema get 400 in Ozon’s error body', () => {
  it('a wrong type', async () => {
    const reply = await call(
      '/v4/posting/fbs/list',
      { filter: { since: SINCE, to: UNTIL }, limit: 10, with: { barcodes: 'yes' } },
      { invalidRequest: true },
    );
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      code: 3,
      message: expect.stringMatching(/^invalid request: \/with\/barcodes must be boolean/),
      details: [],
    });
  });

  it('a missing required field, and nothing happens', async () => {
    const { offer_id } = await firstProduct();
    const body = `{"stocks":[{"offer_id":${JSON.stringify(offer_id)},"warehouse_id":${WAREHOUSE},"stock":3}]}`;
    const reply = await call('/v2/products/stocks', body, { invalidRequest: true });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe(3);
    expect(reply.body.message).toContain("must have required property 'product_id'");
    expect(sandbox.control.effects().stocks).toEqual({});
  });

  it('a field the schema does not have (its objects are closed)', async () => {
    const reply = await call(
      '/v2/warehouse/list',
      { limit: 10, colour: 'red' },
      { invalidRequest: true },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain('must NOT have additional properties');
    expect(reply.body.message).toContain('colour');
    const nested = await call(
      '/v2/products/stocks',
      { stocks: [{ offer_id: 'x', product_id: 1, warehouse_id: 1, stock: 1, quantity: 1 }] },
      { invalidRequest: true },
    );
    expect(nested.status).toBe(400);
    expect(nested.body.message).toContain('/stocks/0');
  });

  it('an array longer than its limit (Ozon writes it as `maximum`)', async () => {
    const ids = (count: number) => Array.from({ length: count }, (_, i) => String(i + 1));
    const over = await call(
      '/v2/warehouse/list',
      { limit: 10, warehouse_ids: ids(201) },
      { invalidRequest: true },
    );
    expect(over.status).toBe(400);
    expect(over.body.message).toContain('/warehouse_ids must NOT have more than 200 items');
    const atLimit = await call('/v2/warehouse/list', { limit: 10, warehouse_ids: ids(200) });
    expect(atLimit.status).toBe(200);
  });

  it('an int64 written as text that is not one: too many digits, out of range', async () => {
    for (const id of ['12345678901234567890123', '9223372036854775808', '-9223372036854775809']) {
      const reply = await call(
        '/v2/warehouse/list',
        { limit: 10, warehouse_ids: [id] },
        { invalidRequest: true },
      );
      expect({ id, status: reply.status }).toEqual({ id, status: 400 });
      expect(reply.body.message).toContain('must match format "int64"');
    }
    // The largest passes the schema (the route itself takes no negative warehouse id).
    const widest = ['9223372036854775807'];
    expect((await call('/v2/warehouse/list', { limit: 10, warehouse_ids: widest })).status).toBe(
      200,
    );
    // Written as a JSON number, 23 digits still parse (inexactly); Ozon's int64 holds no such id.
    const number = await call(
      '/v2/products/stocks',
      '{"stocks":[{"offer_id":"x","product_id":12345678901234567890123,"warehouse_id":1,"stock":1}]}',
      { invalidRequest: true },
    );
    expect(number.status).toBe(400);
    expect(number.body.message).toContain('/stocks/0/product_id must be <=');
  });

  it('a body for an operation that takes none', async () => {
    const reply = await call('/v1/roles', { verbose: true }, { invalidRequest: true });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain('takes no parameters');
  });
});

describe('replies', () => {
  it('every route is an operation of the schema, so every call is checked', async () => {
    const roles = await call('/v1/roles');
    const paths: string[] = roles.body.roles[0].methods;
    expect(paths.length).toBeGreaterThan(15);
    expect(paths.filter((path) => !hasOperation(path))).toEqual([]);
  });

  it('a tour of every route, answered and refused, gives only replies within the schema', async () => {
    const { offer_id, product_id } = await firstProduct();
    const [toPack] = sandbox.control.findPostings({ status: 'awaiting_packaging', limit: 1 });
    const items = sandbox.control.posting(toPack!)!.items;
    const packages = [
      { products: items.map((item) => ({ product_id: item.sku, quantity: item.quantity })) },
    ];
    const [rfbs] = sandbox.control.findPostings({ status: 'awaiting_packaging', rfbs: true });
    const stock = `{"stocks":[{"offer_id":${JSON.stringify(offer_id)},"product_id":${product_id},"warehouse_id":${WAREHOUSE},"stock":2}]}`;
    const statuses: number[] = [];
    const tour: [string, unknown][] = [
      ['/v1/roles', {}],
      ['/v4/posting/fbs/list', { filter: { since: SINCE, to: UNTIL }, limit: 100 }],
      ['/v4/posting/fbs/unfulfilled/list', { filter: {}, limit: 5 }],
      ['/v3/posting/fbs/get', { posting_number: toPack, with: { related_postings: true } }],
      ['/v3/posting/fbs/get', { posting_number: '0000000000-0000-1' }],
      ['/v2/posting/fbs/package-label', { posting_number: [toPack] }],
      ['/v4/posting/fbs/ship', { posting_number: toPack, packages }],
      ['/v4/posting/fbs/ship', { posting_number: toPack, packages }],
      ['/v3/posting/fbs/package-label/create', { posting_numbers: [toPack] }],
      ['/v2/posting/fbs/package-label/get', { task_id: 1 }],
      ['/v2/posting/fbs/cancel-reason/list', {}],
      ['/v2/posting/fbs/cancel', { posting_number: toPack, cancel_reason_id: 402 }],
      ['/v3/product/list', { filter: { visibility: 'ALL' }, limit: 1000 }],
      ['/v3/product/info/list', { offer_id: [offer_id] }],
      ['/v2/products/stocks', stock],
      ['/v2/products/stocks', stock],
      ['/v1/product/archive', { product_id: [String(product_id)] }],
      ['/v1/product/unarchive', { product_id: [1] }],
      ['/v2/warehouse/list', { limit: 200 }],
      ['/v2/warehouse/list', { limit: 201 }],
      [
        '/v2/fbs/posting/tracking-number/set',
        { tracking_numbers: [{ posting_number: rfbs, tracking_number: 'RA1RU' }] },
      ],
      ['/v2/fbs/posting/delivering', { posting_number: [toPack] }],
      ['/v2/fbs/posting/delivered', { posting_number: [rfbs] }],
    ];
    // The sandbox is the one checking requests here; the client still checks every reply.
    for (const [path, body] of tour) {
      statuses.push((await call(path, body, { invalidRequest: true })).status);
    }
    sandbox.control.advanceClock(TIMING.shipApplyMs + TIMING.labelReadyMs);
    statuses.push(
      (await call('/v2/posting/fbs/package-label', { posting_number: [toPack] })).status,
    );
    // Answered and refused alike, not one reply stood in for a broken one (500).
    expect(new Set(statuses)).toEqual(new Set([200, 400, 404]));
    closed = true;
    await expect(sandbox.close()).resolves.toBeUndefined();
  });
});

describe('a reply of its own that breaks the schema (a sandbox bug)', () => {
  const broken = '{"roles":[],"expires_at":"2026-05-14T08:00:00Z","spare":1}';

  it('fails loudly without a logger (tests): a 500 naming the errors, and close() rejects', () => {
    const check = createCallCheck();
    expect(
      check.reply('/v1/roles', 200, '{"roles":[],"expires_at":"2026-05-14T08:00:00Z"}'),
    ).toEqual({ status: 200, body: '{"roles":[],"expires_at":"2026-05-14T08:00:00Z"}' });
    check.assertNoBrokenReplies();
    const replaced = check.reply('/v1/roles', 200, broken);
    expect(replaced.status).toBe(500);
    expect(JSON.parse(String(replaced.body))).toEqual({
      code: 13,
      message: expect.stringContaining('must NOT have additional properties'),
      details: [],
    });
    expect(() => check.assertNoBrokenReplies()).toThrow(/sandbox reply 200 to \/v1\/roles/);
  });

  it('is logged and sent as it is with a logger (the Demo store)', () => {
    const warnings: { fields: object; message: string | undefined }[] = [];
    const log = {
      warn: (fields: object, message?: string) => warnings.push({ fields, message }),
      debug: () => undefined,
      info: () => undefined,
      error: () => undefined,
      child: () => log,
    };
    const check = createCallCheck(log);
    expect(check.reply('/v1/roles', 200, broken)).toEqual({ status: 200, body: broken });
    expect(warnings).toEqual([
      {
        fields: { path: '/v1/roles', status: 200, errors: [expect.stringContaining('spare')] },
        message: 'sandbox reply 200 to /v1/roles breaks the Ozon schema',
      },
    ]);
    check.assertNoBrokenReplies();
  });
});
