import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, TIMING } from '../../electron/core/sandbox';
import { type OzonCall, openSandbox } from './client';

let sandbox: Sandbox;
let call: OzonCall;

beforeEach(async () => {
  ({ sandbox, call } = await openSandbox({ seed: 5 }));
});
afterEach(() => sandbox.close());

function firstPosting(status: 'awaiting_packaging' | 'delivering', rfbs: boolean): string {
  const [number] = sandbox.control.findPostings({ status, rfbs, limit: 1 });
  if (!number) throw new Error(`the seed has no ${status} posting (rfbs ${rfbs})`);
  return number;
}

function wholePackage(postingNumber: string) {
  const items = sandbox.control.posting(postingNumber)?.items ?? [];
  return [{ products: items.map((item) => ({ product_id: item.sku, quantity: item.quantity })) }];
}

const ship = (posting_number: string, packages: unknown) =>
  call('/v4/posting/fbs/ship', { posting_number, packages });

describe('ship', () => {
  it('accepts a matching package, applies it later, and refuses a second ship', async () => {
    const number = firstPosting('awaiting_packaging', false);
    const reply = await ship(number, wholePackage(number));
    expect(reply.body).toEqual({ result: [number] });
    expect(sandbox.control.posting(number)).toMatchObject({
      status: 'awaiting_packaging',
      shipPending: true,
    });
    const during = await call('/v3/posting/fbs/get', { posting_number: number });
    expect(during.body.result.available_actions).toEqual(['ship_async_in_process']);
    expect((await ship(number, wholePackage(number))).body.message).toBe('POSTING_ALREADY_SHIPPED');

    sandbox.control.advanceClock(TIMING.shipApplyMs);
    expect(sandbox.control.posting(number)?.status).toBe('awaiting_deliver');
    expect((await ship(number, wholePackage(number))).body.message).toBe('POSTING_ALREADY_SHIPPED');
    expect(sandbox.control.effects().postings[number]?.ship).toBe(1);
  });

  it('refuses wrong quantities, unknown SKUs, unknown postings and wrong statuses', async () => {
    const number = firstPosting('awaiting_packaging', false);
    const [pack] = wholePackage(number);
    const line = pack!.products[0]!;
    const more = await ship(number, [{ products: [{ ...line, quantity: line.quantity + 1 }] }]);
    expect(more.status).toBe(400);
    expect(more.body).toEqual({ code: 9, message: 'HAS_INCORRECT_PRODUCT_QUANTITY', details: [] });
    const unknown = await ship(number, [
      { products: [...pack!.products, { product_id: '1', quantity: 1 }] },
    ]);
    expect(unknown.body.message).toBe('UNKNOWN_PRODUCT_DEFINED');
    expect((await ship('00000000-0000-1', wholePackage(number))).status).toBe(404);

    sandbox.control.generatePostings(1, { status: 'awaiting_approve', spanMs: 1 });
    const [unapproved] = sandbox.control.findPostings({ status: 'awaiting_approve' }).slice(-1);
    expect((await ship(unapproved!, wholePackage(unapproved!))).body.message).toBe(
      'HAS_INCORRECT_STATUS',
    );

    sandbox.control.buyerCancel(number);
    expect((await ship(number, wholePackage(number))).body.message).toBe(
      'POSTING_ALREADY_CANCELLED',
    );
    expect(sandbox.control.effects().postings[number]).toBeUndefined();
  });

  it('splits a posting into -1, -2 when shipped in two packages', async () => {
    const number = firstPosting('awaiting_packaging', false);
    const sku = sandbox.control.posting(number)!.items[0]!.sku;
    sandbox.control.setItemQuantity(number, sku, 2);
    const rest = sandbox.control.posting(number)!.items.filter((item) => item.sku !== sku);
    const reply = await ship(number, [
      { products: [{ product_id: sku, quantity: 1 }] },
      {
        products: [
          { product_id: sku, quantity: 1 },
          ...rest.map((i) => ({ product_id: i.sku, quantity: i.quantity })),
        ],
      },
    ]);
    const order = number.replace(/-1$/, '');
    expect(reply.body.result).toEqual([number, `${order}-2`]);
    sandbox.control.advanceClock(TIMING.shipApplyMs);
    const child = await call('/v3/posting/fbs/get', {
      posting_number: `${order}-2`,
      with: { related_postings: true },
    });
    expect(child.body.result).toMatchObject({
      parent_posting_number: number,
      status: 'awaiting_deliver',
    });
    expect(child.body.result.related_postings.related_posting_numbers).toEqual([number]);
    expect(sandbox.control.posting(number)?.items).toEqual([
      expect.objectContaining({ sku, quantity: 1 }),
    ]);
  });

  it('ends in substatus ship_failed under the ship_failed fault, and a retry ships', async () => {
    const number = firstPosting('awaiting_packaging', false);
    sandbox.control.setFaults([{ path: '/v4/posting/fbs/ship', kind: 'ship_failed', count: 1 }]);
    expect((await ship(number, wholePackage(number))).status).toBe(200);
    sandbox.control.advanceClock(TIMING.shipApplyMs);
    const failed = await call('/v3/posting/fbs/get', { posting_number: number });
    expect(failed.body.result).toMatchObject({
      status: 'awaiting_packaging',
      substatus: 'ship_failed',
    });
    expect(failed.body.result.available_actions).toContain('ship_async_retry');
    expect((await ship(number, wholePackage(number))).status).toBe(200);
    sandbox.control.advanceClock(TIMING.shipApplyMs);
    expect(sandbox.control.posting(number)?.status).toBe('awaiting_deliver');
    expect(sandbox.control.effects().postings[number]?.ship).toBe(2);
  });
});

describe('labels', () => {
  it('prints only in awaiting_deliver and not before the label delay', async () => {
    const number = firstPosting('awaiting_packaging', false);
    const label = () => call('/v2/posting/fbs/package-label', { posting_number: [number] });
    expect((await label()).body.message).toBe("The next postings aren't ready");
    await ship(number, wholePackage(number));
    sandbox.control.advanceClock(TIMING.shipApplyMs);
    expect((await label()).body.message).toBe("The next postings aren't ready");
    sandbox.control.advanceClock(TIMING.labelReadyMs);
    const pdf = await label();
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
    expect(pdf.text).toContain(`(${number}) Tj`);
    const tooMany = Array.from({ length: 21 }, () => number);
    expect((await call('/v2/posting/fbs/package-label', { posting_number: tooMany })).status).toBe(
      400,
    );
  });

  it('serves the async label task file from the sandbox', async () => {
    const number = firstPosting('awaiting_packaging', false);
    await ship(number, wholePackage(number));
    sandbox.control.advanceClock(TIMING.shipApplyMs + TIMING.labelReadyMs);
    const created = await call('/v3/posting/fbs/package-label/create', {
      posting_numbers: [number],
    });
    const taskId = created.body.tasks[0].task_id;
    const pending = await call('/v2/posting/fbs/package-label/get', { task_id: taskId });
    expect(pending.body.status.code).toBe('pending');
    sandbox.control.advanceClock(TIMING.labelTaskMs);
    const done = await call('/v2/posting/fbs/package-label/get', { task_id: taskId });
    expect(done.body.status).toMatchObject({ code: 'completed', printed_postings_count: 1 });
    const file = await fetch(done.body.file_url);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer()).toString('latin1')).toContain(number);
  });

  it('writes a PDF whose xref offsets point at its objects', async () => {
    const number = firstPosting('awaiting_packaging', false);
    await ship(number, wholePackage(number));
    sandbox.control.advanceClock(TIMING.shipApplyMs + TIMING.labelReadyMs);
    const { text } = await call('/v2/posting/fbs/package-label', { posting_number: [number] });
    const xrefAt = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) =>
      Number(m[1]),
    );
    offsets.forEach((offset, i) =>
      expect(text.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true),
    );
  });
});

describe('cancel', () => {
  it('lists reasons, requires a message for 402, and cancels only before delivery', async () => {
    const reasons = await call('/v2/posting/fbs/cancel-reason/list');
    expect(reasons.body.result.map((r: any) => r.id)).toContain(402);
    const number = firstPosting('awaiting_packaging', false);
    const cancel = (body: object) =>
      call('/v2/posting/fbs/cancel', { posting_number: number, ...body });
    expect((await cancel({ cancel_reason_id: 402 })).status).toBe(400);
    expect((await cancel({ cancel_reason_id: 666 })).body.message).toBe(
      'HAS_INCORRECT_CANCEL_REASON',
    );
    expect(
      (await cancel({ cancel_reason_id: 402, cancel_reason_message: 'Damaged' })).body,
    ).toEqual({ result: true });
    expect(sandbox.control.posting(number)?.cancellation).toMatchObject({
      type: 'seller',
      reasonId: 402,
    });
    expect((await cancel({ cancel_reason_id: 352 })).body.message).toBe(
      'POSTING_ALREADY_CANCELLED',
    );
    const delivering = firstPosting('delivering', false);
    const late = await call('/v2/posting/fbs/cancel', {
      posting_number: delivering,
      cancel_reason_id: 352,
    });
    expect(late.body.message).toBe('HAS_INCORRECT_STATUS');
    expect(sandbox.control.effects().postings[number]?.cancel).toBe(1);
  });
});

describe('rFBS delivery', () => {
  it('sets tracking, delivering and delivered, each applied after a moment', async () => {
    const number = firstPosting('awaiting_packaging', true);
    const move = (path: string) => call(path, { posting_number: [number] });
    expect((await move('/v2/fbs/posting/delivering')).body.result[0]).toEqual({
      posting_number: number,
      result: false,
      error: 'HAS_INCORRECT_STATUS',
    });
    await ship(number, wholePackage(number));
    sandbox.control.advanceClock(TIMING.shipApplyMs);
    const tracking = await call('/v2/fbs/posting/tracking-number/set', {
      tracking_numbers: [{ posting_number: number, tracking_number: 'RP123456789RU' }],
    });
    expect(tracking.body.result[0].result).toBe(true);
    expect((await move('/v2/fbs/posting/delivering')).body.result[0].result).toBe(true);
    expect(sandbox.control.posting(number)?.status).toBe('awaiting_deliver');
    sandbox.control.advanceClock(TIMING.rfbsMoveMs);
    expect(sandbox.control.posting(number)).toMatchObject({
      status: 'delivering',
      trackingNumber: 'RP123456789RU',
    });
    expect((await move('/v2/fbs/posting/delivered')).body.result[0].result).toBe(true);
    sandbox.control.advanceClock(TIMING.rfbsMoveMs);
    expect(sandbox.control.posting(number)).toMatchObject({
      status: 'delivered',
      substatus: 'posting_conditionally_delivered',
    });
    expect(sandbox.control.effects().postings[number]).toEqual({
      ship: 1,
      shipFailed: 0,
      cancel: 0,
      tracking: 1,
      delivering: 1,
      delivered: 1,
    });
    const fbs = firstPosting('awaiting_packaging', false);
    const refused = await call('/v2/fbs/posting/delivering', { posting_number: [fbs] });
    expect(refused.body.result[0].result).toBe(false);
  });
});

describe('stocks and archive', () => {
  const warehouse = '21020005003107121';
  type Item = { offer_id: string; product_id: number };
  const stock = ({ offer_id, product_id }: Item, value: number, warehouse_id = warehouse) =>
    call(
      '/v2/products/stocks',
      `{"stocks":[{"offer_id":${JSON.stringify(offer_id)},"product_id":${product_id},"warehouse_id":${warehouse_id},"stock":${value}}]}`,
    );

  it('allows one update per pair per 30 s and reports item errors inside HTTP 200', async () => {
    const list = await call('/v3/product/list', { limit: 2 });
    const [a, b] = list.body.result.items as Item[];
    expect((await stock(a!, 3)).body.result[0].updated).toBe(true);
    const again = await stock(a!, 4);
    expect(again.status).toBe(200);
    expect(again.body.result[0]).toMatchObject({
      updated: false,
      errors: [{ code: 'TOO_MANY_REQUESTS', message: 'Stock is updated too frequently' }],
    });
    expect((await stock(b!, 4)).body.result[0].updated).toBe(true);
    sandbox.control.advanceClock(TIMING.stockPairMs);
    expect((await stock(a!, 4)).body.result[0].updated).toBe(true);
    // Both ids given: the offer id decides (§4), so an unknown one is refused whatever the other.
    expect(
      (await stock({ ...a!, offer_id: 'NO-SUCH-OFFER' }, 1)).body.result[0].errors[0].code,
    ).toBe('offer_id_not_found');
    expect((await stock(a!, 1, '21020005003100000')).body.result[0].errors[0].code).toBe(
      'WAREHOUSE_NOT_FOUND',
    );
    expect(sandbox.control.effects().stocks).toEqual({
      [`${warehouse}/${a!.offer_id}`]: 2,
      [`${warehouse}/${b!.offer_id}`]: 1,
    });
    const tooMany = Array.from({ length: 101 }, (_, i) => ({
      offer_id: `X${i}`,
      product_id: i + 1,
      warehouse_id: 1,
      stock: 1,
    }));
    expect((await call('/v2/products/stocks', { stocks: tooMany })).status).toBe(400);
  });

  it('archives and unarchives at most 100 products per call', async () => {
    const list = await call('/v3/product/list', { limit: 1 });
    const id = list.body.result.items[0].product_id;
    expect((await call('/v1/product/archive', { product_id: [id] })).body).toEqual({
      result: true,
    });
    const info = await call('/v3/product/info/list', { product_id: [String(id)] });
    expect(info.body.items[0].is_archived).toBe(true);
    const archived = await call('/v3/product/list', {
      filter: { visibility: 'ARCHIVED' },
      limit: 1000,
    });
    expect(archived.body.result.items.map((i: any) => i.product_id)).toContain(id);
    await call('/v1/product/unarchive', { product_id: [id] });
    const visible = await call('/v3/product/list', {
      filter: { product_id: [String(id)] },
      limit: 10,
    });
    expect(visible.body.result.items[0].archived).toBe(false);
    const tooMany = Array.from({ length: 101 }, () => id);
    expect((await call('/v1/product/archive', { product_id: tooMany })).status).toBe(400);
  });
});
