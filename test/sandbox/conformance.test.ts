import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox';
import { type OzonCall, openSandbox, SINCE, UNTIL } from './client';

/**
 * Every endpoint answers in Ozon's shapes: the client checks each request and reply against
 * Ozon's OpenAPI schema, so these tests mostly drive the calls and look at the ids.
 */
describe('sandbox speaks the Ozon protocol', () => {
  let sandbox: Sandbox;
  let call: OzonCall;

  beforeAll(async () => {
    ({ sandbox, call } = await openSandbox({ seed: 11 }));
  });
  afterAll(() => sandbox.close());

  it('answers /v1/roles with roles and an expiry', async () => {
    const reply = await call('/v1/roles');
    expect(reply.status).toBe(200);
    expect(reply.body.roles[0].methods).toContain('/v4/posting/fbs/ship');
    expect(Date.parse(reply.body.expires_at)).toBeGreaterThan(sandbox.control.now());
  });

  it('lists postings with int64 ids above 2^53 as bare JSON numbers', async () => {
    const reply = await call('/v4/posting/fbs/list', {
      filter: { since: SINCE, to: UNTIL },
      limit: 100,
      with: { barcodes: true, financial_data: true, analytics_data: true, legal_info: true },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.postings.length).toBeGreaterThan(10);
    expect(reply.text).toMatch(/"warehouse_id":2102000500310\d{4}[,}]/);
    expect(reply.text).toMatch(/"id":2202000500310\d{4}[,}]/);
    const posting = reply.body.postings[0];
    expect(typeof posting.delivery_method.id).toBe('string'); // too big for a double: kept as digits
    expect(BigInt(posting.delivery_method.id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(posting.products[0].price).toEqual({
      amount: expect.stringMatching(/^\d+\.\d\d$/),
      currency: 'RUB',
    });
    expect(typeof posting.order_id).toBe('number');
    expect(posting.barcodes.upper_barcode).toMatch(/^\d+$/);
  });

  it('lists unfulfilled postings and reads one with /v3/posting/fbs/get', async () => {
    const list = await call('/v4/posting/fbs/unfulfilled/list', {
      filter: { statuses: ['awaiting_packaging'] },
      limit: 5,
    });
    expect(list.body.count).toBe(list.body.postings.length);
    const number = list.body.postings[0].posting_number;
    const detail = await call('/v3/posting/fbs/get', {
      posting_number: number,
      with: { analytics_data: true, barcodes: true, financial_data: true, related_postings: true },
    });
    expect(detail.body.result.posting_number).toBe(number);
    expect(detail.body.result.products[0].price).toMatch(/^\d+\.\d\d$/);
  });

  it('pages products, reads their info and warehouses', async () => {
    const first = await call('/v3/product/list', { filter: { visibility: 'ALL' }, limit: 100 });
    expect(first.body.result.items).toHaveLength(100);
    const second = await call('/v3/product/list', {
      last_id: first.body.result.last_id,
      limit: 1000,
    });
    expect(first.body.result.items.length + second.body.result.items.length).toBe(
      first.body.result.total,
    );
    const info = await call('/v3/product/info/list', {
      product_id: first.body.result.items.slice(0, 3).map((item: any) => String(item.product_id)),
    });
    expect(info.body.items).toHaveLength(3);
    expect(info.body.items[0].price).toMatch(/^\d+\.\d\d$/);
    const image = await fetch(info.body.items[0].primary_image[0]);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    const warehouses = await call('/v2/warehouse/list', { limit: 200 });
    expect(warehouses.body.warehouses).toHaveLength(3);
    expect(warehouses.body.warehouses.filter((w: any) => w.is_rfbs)).toHaveLength(1);
    expect(warehouses.text).toContain('"warehouse_id":21020005003109889');
  });

  it('keeps an int64 above 2^53 in a request exact (stock update by warehouse id)', async () => {
    const list = await call('/v3/product/list', { limit: 1 });
    const { offer_id, product_id } = list.body.result.items[0];
    // Written as a bare number on purpose: JSON.stringify of a JS number would round it.
    const body = `{"stocks":[{"offer_id":${JSON.stringify(offer_id)},"product_id":${product_id},"warehouse_id":21020005003107353,"stock":5}]}`;
    const exact = await call('/v2/products/stocks', body);
    expect(exact.text).toContain('"warehouse_id":21020005003107353');
    expect(exact.body.result[0]).toMatchObject({ updated: true, errors: [] });
    // The same id through a double lands on another warehouse, which the marketplace refuses.
    const rounded = await call('/v2/products/stocks', JSON.parse(body) as object);
    expect(rounded.body.result[0].errors[0].code).toBe('WAREHOUSE_NOT_FOUND');
  });
});
