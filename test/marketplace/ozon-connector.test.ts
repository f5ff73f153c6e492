import { isLosslessNumber } from 'lossless-json';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type POSTING_STATUSES } from '../../shared/domain/postings';
import { mapStatus } from '../../electron/core/marketplace/ozon/mappers';
import { json, PDF_BYTES, sendJson, sendPdf, startFakeOzon, type FakeOzon } from './fake-ozon';
import {
  BIG_ORDER_ID,
  BIG_SKU,
  BIG_WAREHOUSE_ID,
  connectorFor,
  expectValidRequests,
  failure,
  postingJson,
} from './ozon-fixtures';

let fake: FakeOzon;
beforeEach(async () => {
  fake = await startFakeOzon();
});
afterEach(async () => {
  expectValidRequests(fake.requests);
  await fake.close();
});

const DAY = 24 * 60 * 60 * 1000;

describe('postings', () => {
  it('lists across cursor pages with int64 ids exact and money in minor units', async () => {
    fake.route('/v4/posting/fbs/list', (request, res) => {
      const first = request.body.cursor === '';
      sendJson(
        res,
        200,
        first
          ? `{"postings":[${postingJson()}],"cursor":"eyJwYWdlIjoyfQ==","has_next":true}`
          : `{"postings":[${postingJson({ number: '0132112277-0101-2', status: 'awaiting_deliver' })}],"cursor":"","has_next":false}`,
      );
    });
    const connector = connectorFor(fake);
    const until = Date.parse('2026-05-14T08:00:00.250Z');
    const query = { changedSince: until - 3 * DAY - 200, until, cursor: null };
    const first = await connector.listPostings(query);
    expect(first.next).toBe('eyJwYWdlIjoyfQ==');
    const second = await connector.listPostings({ ...query, cursor: first.next });
    expect(second.next).toBeNull();

    const posting = first.items[0]!;
    expect(posting).toMatchObject({
      postingNumber: '0132112277-0101-1',
      orderNumber: '0132112277-0101',
      orderId: BIG_ORDER_ID,
      status: 'to_pack',
      marketplaceStatus: 'awaiting_packaging',
      marketplaceSubstatus: 'posting_created',
      inProcessAt: Date.parse('2026-03-30T11:26:00Z'),
      shipmentDate: Date.parse('2026-03-31T09:00:00.5Z'),
      warehouseId: BIG_WAREHOUSE_ID,
      deliveryMethod: 'Ozon delivery, Noginsk',
      trackingNumber: '',
      cancelReason: null,
      availableActions: ['cancel', 'product_cancel', 'ship', 'ship_async'],
    });
    expect(posting.items).toEqual([
      {
        sku: '827098843',
        offerId: 'SK-58',
        name: 'Curling iron',
        quantity: 1,
        priceMinor: 153_000,
        currency: 'RUB',
      },
      {
        sku: BIG_SKU,
        offerId: 'SK-59',
        name: 'Hair dryer',
        quantity: 2,
        priceMinor: 50,
        currency: 'RUB',
      },
    ]);
    // raw keeps the big numbers as Ozon wrote them, not as a double would print them.
    expect(posting.raw).toContain(`"order_id":${BIG_ORDER_ID}`);
    expect(posting.raw).toContain(`"warehouse_id":${BIG_WAREHOUSE_ID}`);
    expect(posting.raw).toContain(`"sku":${BIG_SKU}`);
    expect(second.items[0]?.status).toBe('packed');

    const [firstRequest, secondRequest] = fake.calls('/v4/posting/fbs/list');
    expect(firstRequest?.body).toMatchObject({
      limit: expect.anything(),
      cursor: '',
      sort_dir: 'ASC',
      with: { barcodes: true },
      filter: {
        since: '2025-05-14T08:00:01Z',
        to: '2026-05-14T08:00:01Z',
        last_changed_status_date: { from: '2026-05-11T08:00:00Z', to: '2026-05-14T08:00:01Z' },
      },
    });
    expect(String(firstRequest?.body.limit)).toBe('100');
    expect(secondRequest?.body.cursor).toBe('eyJwYWdlIjoyfQ==');
    // The posting period never exceeds Ozon's one-year cap, however old changedSince is.
    await connector.listPostings({ changedSince: 0, until, cursor: null });
    const clamped = fake.calls('/v4/posting/fbs/list')[2]?.body.filter;
    expect(Date.parse(clamped.to) - Date.parse(clamped.since)).toBeLessThanOrEqual(365 * DAY);
    expect(clamped.last_changed_status_date.from).toBe('1970-01-01T00:00:00Z');
  });

  it('maps every documented Ozon status', () => {
    const table: Record<string, (typeof POSTING_STATUSES)[number]> = {
      awaiting_registration: 'new',
      acceptance_in_progress: 'new',
      awaiting_approve: 'new',
      awaiting_verification: 'new',
      awaiting_packaging: 'to_pack',
      awaiting_deliver: 'packed',
      delivering: 'in_delivery',
      driver_pickup: 'in_delivery',
      sent_by_seller: 'in_delivery',
      delivered: 'delivered',
      cancelled: 'cancelled',
      cancelled_from_split_pending: 'cancelled',
      not_accepted: 'cancelled',
      arbitration: 'dispute',
      client_arbitration: 'dispute',
      some_future_status: 'other',
    };
    for (const [ozon, ours] of Object.entries(table))
      expect([ozon, mapStatus(ozon)]).toEqual([ozon, ours]);
  });

  it.each(['1 530,00', '15.30.00', '', '1530.005'])(
    'refuses a posting whose price is "%s" rather than guess',
    async (price) => {
      fake.route(
        '/v4/posting/fbs/list',
        json(200, `{"postings":[${postingJson({ price })}],"cursor":"","has_next":false}`),
      );
      const error = await failure(
        connectorFor(fake).listPostings({ changedSince: 0, until: Date.now(), cursor: null }),
        'malformed',
      );
      expect(error.message).toContain('0132112277-0101-1');
    },
  );

  it('getPosting reads /v3/posting/fbs/get and its v3 price shape', async () => {
    fake.route(
      '/v3/posting/fbs/get',
      json(
        200,
        `{"result":{"posting_number":"0132112277-0101-1","order_id":"${BIG_ORDER_ID}",
          "order_number":"0132112277-0101","status":"delivering","substatus":"posting_in_carriage",
          "tracking_number":"RA123","delivery_method":{"warehouse_id":"${BIG_WAREHOUSE_ID}","name":"Courier"},
          "products":[{"sku":827098843,"offer_id":"SK-58","name":"Curling iron","quantity":3,
            "price":"1530.0000","currency_code":"RUB"}],
          "cancellation":{"cancel_reason":""},"in_process_at":"0001-01-01T00:00:00Z"}}`,
      ),
    );
    const posting = await connectorFor(fake).getPosting('0132112277-0101-1');
    expect(posting).toMatchObject({
      orderId: BIG_ORDER_ID,
      status: 'in_delivery',
      warehouseId: BIG_WAREHOUSE_ID,
      trackingNumber: 'RA123',
      inProcessAt: null,
      items: [{ sku: '827098843', quantity: 3, priceMinor: 153_000, currency: 'RUB' }],
    });
    expect(fake.calls('/v3/posting/fbs/get')[0]?.body.posting_number).toBe('0132112277-0101-1');
  });

  it.each([
    [404, '{"code":5,"message":"POSTING_NOT_FOUND","details":[]}'],
    [400, '{"code":5,"message":"POSTING_NOT_FOUND","details":[]}'],
    [404, '{"code":5,"message":"Not found"}'],
  ])('getPosting is null when Ozon answers %i %s', async (status, body) => {
    fake.route('/v3/posting/fbs/get', json(status, body));
    expect(await connectorFor(fake).getPosting('0000000000-0000-1')).toBeNull();
  });
});

describe('products and warehouses', () => {
  const infoItem = (id: string, offer: string, extra = '') =>
    `{"id":${id},"offer_id":"${offer}","sku":${BIG_SKU},"name":"Item ${offer}",
      "barcodes":["4600000000017","OZN123"],"price":"1299.90","currency_code":"RUB",
      "images":["https://cdn.example/a.jpg"],"primary_image":["https://cdn.example/p.jpg"],
      "is_archived":false,"is_autoarchived":false${extra}}`;

  it('lists visible then archived cards, with names, barcodes, price and images from info', async () => {
    fake.route('/v3/product/list', (request, res) => {
      const visibility = request.body.filter.visibility;
      const ids = visibility === 'ALL' ? ['9007199254740995', '3397917680'] : ['3397917681'];
      sendJson(
        res,
        200,
        `{"result":{"items":[${ids
          .map(
            (id) => `{"product_id":${id},"offer_id":"O-${id}","archived":${visibility !== 'ALL'}}`,
          )
          .join(',')}],"total":${ids.length},"last_id":"${ids.at(-1)}"}}`,
      );
    });
    fake.route('/v3/product/info/list', (request, res) => {
      const ids: string[] = request.body.product_id;
      sendJson(res, 200, `{"items":[${ids.map((id) => infoItem(id, `O-${id}`)).join(',')}]}`);
    });
    const connector = connectorFor(fake);
    const first = await connector.listProducts(null);
    expect(first.items.map((p) => p.productId)).toEqual(['9007199254740995', '3397917680']);
    expect(first.items[0]).toMatchObject({
      skus: [BIG_SKU],
      offerId: 'O-9007199254740995',
      name: 'Item O-9007199254740995',
      barcodes: ['4600000000017', 'OZN123'],
      priceMinor: 129_990,
      currency: 'RUB',
      isArchived: false,
      imageUrl: 'https://cdn.example/p.jpg',
    });
    expect(first.items[0]?.raw).toContain('"id":9007199254740995');
    expect(first.next).not.toBeNull();
    const second = await connector.listProducts(first.next);
    expect(second.items).toHaveLength(1);
    // Info says not archived, but the ARCHIVED listing found it: the listing wins.
    expect(second.items[0]?.isArchived).toBe(true);
    expect(second.next).toBeNull();

    const lists = fake.calls('/v3/product/list').map((r) => r.body);
    expect(lists.map((b) => b.filter.visibility)).toEqual(['ALL', 'ARCHIVED']);
    expect(lists.map((b) => String(b.limit))).toEqual(['1000', '1000']);
    expect(fake.calls('/v3/product/info/list')[0]?.body.product_id).toEqual([
      '9007199254740995',
      '3397917680',
    ]);
  });

  it("keeps every SKU: the card's own, sources[] (FBS first) and stock lines; none is none", async () => {
    fake.route(
      '/v3/product/list',
      json(
        200,
        '{"result":{"items":[{"product_id":1,"offer_id":"OLD"},{"product_id":2,"offer_id":"SDS"},{"product_id":3,"offer_id":"NEW"}],"total":3,"last_id":""}}',
      ),
    );
    fake.route(
      '/v3/product/info/list',
      json(
        200,
        `{"items":[
          {"id":1,"offer_id":"OLD","sku":0,"sources":[
            {"sku":${BIG_SKU},"source":"FBO"},{"sku":827098843,"source":"FBS"}]},
          {"id":2,"offer_id":"SDS","sources":[{"sku":827098844,"source":"SDS"}],
           "stocks":{"has_stock":true,"stocks":[{"sku":827098845,"source":"fbs","present":1,"reserved":0}]}},
          {"id":3,"offer_id":"NEW","sku":0,"sources":[]}]}`,
      ),
    );
    const page = await connectorFor(fake).listProducts(null);
    expect(page.items.map((p) => [p.offerId, p.skus])).toEqual([
      ['OLD', ['827098843', BIG_SKU]],
      ['SDS', ['827098844', '827098845']],
      ['NEW', []],
    ]);
  });

  it('follows last_id while a page is full', async () => {
    fake.route('/v3/product/list', (request, res) => {
      const start = request.body.last_id === '' ? 1 : Number(request.body.last_id) + 1;
      const count = start === 1 ? 1000 : 3;
      const ids = Array.from({ length: count }, (_, i) => start + i);
      sendJson(
        res,
        200,
        JSON.stringify({
          result: { items: ids.map((id) => ({ product_id: id })), last_id: String(ids.at(-1)) },
        }),
      );
    });
    fake.route('/v3/product/info/list', (request, res) => {
      const ids: string[] = request.body.product_id;
      sendJson(res, 200, `{"items":[${ids.map((id) => infoItem(id, `O-${id}`)).join(',')}]}`);
    });
    const connector = connectorFor(fake);
    const first = await connector.listProducts(null);
    expect(first.items).toHaveLength(1000);
    const second = await connector.listProducts(first.next);
    expect(second.items.map((p) => p.productId)).toEqual(['1001', '1002', '1003']);
    expect(fake.calls('/v3/product/list')[1]?.body.last_id).toBe('1000');
    expect(second.next).toMatch(/^ARCHIVED:/);
  });

  it('lists warehouses across cursor pages with exact ids', async () => {
    fake.route('/v2/warehouse/list', (request, res) => {
      sendJson(
        res,
        200,
        request.body.cursor === ''
          ? `{"warehouses":[{"warehouse_id":${BIG_WAREHOUSE_ID},"name":"Noginsk","status":"created","is_rfbs":false}],"cursor":"next-1","has_next":true}`
          : `{"warehouses":[{"warehouse_id":22655170176000,"name":"Own courier","status":"disabled","is_rfbs":true}],"cursor":"","has_next":false}`,
      );
    });
    const warehouses = await connectorFor(fake).listWarehouses();
    expect(warehouses.map(({ raw: _raw, ...rest }) => rest)).toEqual([
      { warehouseId: BIG_WAREHOUSE_ID, name: 'Noginsk', status: 'created', isRfbs: false },
      { warehouseId: '22655170176000', name: 'Own courier', status: 'disabled', isRfbs: true },
    ]);
    expect(warehouses[0]?.raw).toContain(`"warehouse_id":${BIG_WAREHOUSE_ID}`);
    const bodies = fake.calls('/v2/warehouse/list').map((r) => r.body);
    expect(bodies.map((b) => [String(b.limit), b.cursor])).toEqual([
      ['200', ''],
      ['200', 'next-1'],
    ]);
  });
});

describe('ship and cancel', () => {
  it('ships with the SKU in product_id, as an exact JSON number', async () => {
    fake.route(
      '/v4/posting/fbs/ship',
      json(200, '{"result":["0132112277-0101-1","0132112277-0101-2"]}'),
    );
    const numbers = await connectorFor(fake).ship('0132112277-0101-1', [
      { items: [{ sku: '827098843', quantity: 1 }] },
      { items: [{ sku: BIG_SKU, quantity: 2 }] },
    ]);
    expect(numbers).toEqual(['0132112277-0101-1', '0132112277-0101-2']);
    const request = fake.calls('/v4/posting/fbs/ship')[0]!;
    expect(request.text).toContain(`{"product_id":${BIG_SKU},"quantity":2}`);
    const products = request.body.packages[0].products;
    expect(isLosslessNumber(products[0].product_id)).toBe(true);
    expect(String(products[0].product_id)).toBe('827098843');
  });

  it('refuses ids that are not integers before calling Ozon', async () => {
    const connector = connectorFor(fake);
    const error = await failure(
      connector.ship('0132112277-0101-1', [{ items: [{ sku: '82709e8843', quantity: 1 }] }]),
      'rejected',
    );
    expect(error.details.code).toBe('INVALID_ID');
    expect(fake.requests).toHaveLength(0);
  });

  it('lists cancel reasons and cancels; reason 402 needs a message', async () => {
    fake.route(
      '/v2/posting/fbs/cancel-reason/list',
      json(
        200,
        `{"result":[{"id":352,"title":"Out of stock","type_id":"seller","is_available_for_cancellation":true},
          {"id":402,"title":"Other","type_id":"seller","is_available_for_cancellation":true},
          {"id":665,"title":"Buyer did not collect","type_id":"buyer","is_available_for_cancellation":false}]}`,
      ),
    );
    fake.route('/v2/posting/fbs/cancel', json(200, '{"result":true}'));
    const connector = connectorFor(fake);
    expect(await connector.cancelReasons()).toEqual([
      { id: '352', title: 'Out of stock', needsMessage: false },
      { id: '402', title: 'Other', needsMessage: true },
    ]);
    const refused = await failure(connector.cancel('0132112277-0101-1', '402'), 'rejected');
    expect(refused.details.code).toBe('CANCEL_MESSAGE_REQUIRED');
    expect(fake.calls('/v2/posting/fbs/cancel')).toHaveLength(0);
    await connector.cancel('0132112277-0101-1', '402', 'Damaged in the warehouse');
    await connector.cancel('0132112277-0101-2', '352');
    const sent = fake.calls('/v2/posting/fbs/cancel').map((r) => r.text);
    expect(sent).toEqual([
      '{"posting_number":"0132112277-0101-1","cancel_reason_id":402,"cancel_reason_message":"Damaged in the warehouse"}',
      '{"posting_number":"0132112277-0101-2","cancel_reason_id":352}',
    ]);
  });
});

describe('stocks and archive', () => {
  it('reports per-item failures inside an HTTP 200, matched by offer and warehouse', async () => {
    fake.route(
      '/v2/products/stocks',
      json(
        200,
        `{"result":[
          {"warehouse_id":${BIG_WAREHOUSE_ID},"product_id":3397917681,"offer_id":"SK-59","updated":false,
           "errors":[{"code":"TOO_MANY_REQUESTS","message":"Stock is updated too frequently"}]},
          {"warehouse_id":${BIG_WAREHOUSE_ID},"product_id":3397917680,"offer_id":"SK-58","updated":true,"errors":[]},
          {"warehouse_id":${BIG_WAREHOUSE_ID},"product_id":0,"offer_id":"SK-60","updated":false,"errors":[]}]}`,
      ),
    );
    const updates = [
      { productId: '3397917680', offerId: 'SK-58', warehouseId: BIG_WAREHOUSE_ID, stock: 7 },
      { productId: '3397917681', offerId: 'SK-59', warehouseId: BIG_WAREHOUSE_ID, stock: 0 },
      { productId: '3397917682', offerId: 'SK-60', warehouseId: BIG_WAREHOUSE_ID, stock: 3 },
      { productId: '3397917683', offerId: 'SK-61', warehouseId: BIG_WAREHOUSE_ID, stock: 1 },
    ];
    const results = await connectorFor(fake).updateStocks(updates);
    // SK-61 is not in the reply: whether it applied is unknown, so it is left out, not failed.
    expect(results.map((r) => [r.key.offerId, r.ok, r.errors.map((e) => e.code)])).toEqual([
      ['SK-58', true, []],
      ['SK-59', false, ['TOO_MANY_REQUESTS']],
      ['SK-60', false, ['NOT_UPDATED']],
    ]);
    expect(results[1]?.errors[0]?.message).toBe('Stock is updated too frequently');
    const request = fake.calls('/v2/products/stocks')[0]!;
    expect(request.text).toContain(
      `{"offer_id":"SK-58","product_id":3397917680,"warehouse_id":${BIG_WAREHOUSE_ID},"stock":7}`,
    );
  });

  it('an item reported "updated" but with errors is not applied; the others are', async () => {
    fake.route(
      '/v2/products/stocks',
      json(
        200,
        `{"result":[
          {"warehouse_id":1,"product_id":3397917680,"offer_id":"SK-58","updated":true,"errors":[]},
          {"warehouse_id":1,"product_id":3397917681,"offer_id":"SK-59","updated":true,
           "errors":[{"code":"NON_KGT_ON_KGT_WAREHOUSE","message":"Product is not KGT"}]}]}`,
      ),
    );
    const results = await connectorFor(fake).updateStocks([
      { productId: '3397917680', offerId: 'SK-58', warehouseId: '1', stock: 2 },
      { productId: '3397917681', offerId: 'SK-59', warehouseId: '1', stock: 2 },
    ]);
    expect(results.map((r) => [r.key.offerId, r.ok, r.errors.map((e) => e.code)])).toEqual([
      ['SK-58', true, []],
      ['SK-59', false, ['NON_KGT_ON_KGT_WAREHOUSE']],
    ]);
  });

  it('an item that cannot be written fails alone; the rest of the call still goes out', async () => {
    fake.route(
      '/v2/products/stocks',
      json(
        200,
        '{"result":[{"warehouse_id":1,"product_id":3397917680,"offer_id":"SK-58","updated":true,"errors":[]}]}',
      ),
    );
    const results = await connectorFor(fake).updateStocks([
      { productId: 'not-an-id', offerId: 'SK-57', warehouseId: '1', stock: 2 },
      { productId: '3397917680', offerId: 'SK-58', warehouseId: '1', stock: 2 },
    ]);
    expect(results.map((r) => [r.key.offerId, r.ok, r.errors.map((e) => e.code)])).toEqual([
      ['SK-57', false, ['INVALID_ITEM']],
      ['SK-58', true, []],
    ]);
    expect(fake.calls('/v2/products/stocks').map((call) => call.text)).toEqual([
      '{"stocks":[{"offer_id":"SK-58","product_id":3397917680,"warehouse_id":1,"stock":2}]}',
    ]);
  });

  it('refuses more than 100 stock pairs per call; the engine batches', async () => {
    const updates = Array.from({ length: 101 }, (_, i) => ({
      productId: String(i + 1),
      offerId: `SK-${i}`,
      warehouseId: '1',
      stock: 1,
    }));
    await expect(connectorFor(fake).updateStocks(updates)).rejects.toThrow(RangeError);
    expect(fake.requests).toHaveLength(0);
  });

  it('archives and unarchives by product id', async () => {
    fake.route('/v1/product/archive', json(200, '{"result":true}'));
    fake.route('/v1/product/unarchive', json(200, '{"result":true}'));
    const connector = connectorFor(fake);
    await connector.setArchived(['3397917680', '9007199254740995'], true);
    await connector.setArchived(['3397917680'], false);
    expect(fake.calls('/v1/product/archive')[0]?.text).toBe(
      '{"product_id":[3397917680,9007199254740995]}',
    );
    expect(fake.calls('/v1/product/unarchive')[0]?.text).toBe('{"product_id":[3397917680]}');
    await expect(
      connector.setArchived(
        Array.from({ length: 101 }, (_, i) => String(i + 1)),
        true,
      ),
    ).rejects.toThrow(RangeError);
  });
});

describe('labels', () => {
  it('creates a task, reports pending, then downloads the PDF once completed', async () => {
    let polls = 0;
    fake.route(
      '/v3/posting/fbs/package-label/create',
      json(
        200,
        '{"tasks":[{"task_id":5819327210249000001,"task_type":"small_label"},{"task_id":5819327210249000002,"task_type":"big_label"}]}',
      ),
    );
    fake.route('/v2/posting/fbs/package-label/get', (_request, res) => {
      polls += 1;
      sendJson(
        res,
        200,
        polls === 1
          ? '{"status":{"code":"in_progress","postings_count":1},"file_url":"","error":{}}'
          : `{"status":{"code":"completed","postings_count":1,"printed_postings_count":1},"file_url":"${fake.url}/files/label-1.pdf"}`,
      );
    });
    fake.route('/files/label-1.pdf', (_request, res) => sendPdf(res));
    const connector = connectorFor(fake);
    const pending = await connector.getLabel('0132112277-0101-1', null);
    expect(pending).toEqual({
      state: 'pending',
      retryAfterMs: 2_000,
      taskId: '5819327210249000002',
    });
    const ready = await connector.getLabel('0132112277-0101-1', '5819327210249000002');
    expect(ready.state).toBe('ready');
    const pdf = ready.state === 'ready' ? ready.pdf : new Uint8Array();
    expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(pdf).equals(PDF_BYTES)).toBe(true);

    expect(fake.calls('/v3/posting/fbs/package-label/create')[0]?.text).toBe(
      '{"posting_numbers":["0132112277-0101-1"]}',
    );
    expect(fake.calls('/v2/posting/fbs/package-label/get').map((r) => r.text)).toEqual([
      '{"task_id":5819327210249000002}',
      '{"task_id":5819327210249000002}',
    ]);
    // The file is on Ozon's own origin here, so the key went along; a GET, not a POST.
    const download = fake.calls('/files/label-1.pdf')[0]!;
    expect(download.method).toBe('GET');
    expect(download.headers['api-key']).toBeDefined();
  });

  it('never sends the API key to a file host other than Ozon', async () => {
    const files = await startFakeOzon({ '/label.pdf': (_r, res) => sendPdf(res) });
    try {
      fake.route(
        '/v3/posting/fbs/package-label/create',
        json(200, '{"tasks":[{"task_id":77,"task_type":"big_label"}]}'),
      );
      fake.route(
        '/v2/posting/fbs/package-label/get',
        json(
          200,
          `{"status":{"code":"completed"},"file_url":"${files.url.replace('127.0.0.1', 'localhost')}/label.pdf"}`,
        ),
      );
      const label = await connectorFor(fake).getLabel('0132112277-0101-1', null);
      expect(label.state).toBe('ready');
      expect(files.requests[0]?.headers['api-key']).toBeUndefined();
      expect(files.requests[0]?.headers['client-id']).toBeUndefined();
    } finally {
      await files.close();
    }
  });

  it('falls back to the legacy synchronous call when the new API is missing', async () => {
    let ready = false;
    fake.route('/v2/posting/fbs/package-label', (_request, res) => {
      if (ready) sendPdf(res);
      else
        sendJson(
          res,
          400,
          `{"code":3,"message":"The next postings aren't ready: 0132112277-0101-1"}`,
        );
    });
    const connector = connectorFor(fake);
    // No route for the new API: the fake answers 404 "method is not allowed", as the sandbox does.
    expect(await connector.getLabel('0132112277-0101-1', null)).toEqual({
      state: 'pending',
      retryAfterMs: 15_000,
      taskId: null,
    });
    ready = true;
    const label = await connector.getLabel('0132112277-0101-1', null);
    expect(label.state === 'ready' && Buffer.from(label.pdf).equals(PDF_BYTES)).toBe(true);
    expect(fake.calls('/v2/posting/fbs/package-label')[0]?.text).toBe(
      '{"posting_number":["0132112277-0101-1"]}',
    );
  });

  it('a task that failed because the posting was not ready asks for a new task later', async () => {
    fake.route(
      '/v2/posting/fbs/package-label/get',
      json(
        200,
        `{"status":{"code":"error","unprinted_postings":[{"posting_number":"0132112277-0101-1","message":"The next postings aren't ready"}]},"error":{"code":"","message":""}}`,
      ),
    );
    expect(await connectorFor(fake).getLabel('0132112277-0101-1', '42')).toEqual({
      state: 'pending',
      retryAfterMs: 15_000,
      taskId: null,
    });
  });

  it('a task Ozon no longer knows is replaced by a new one', async () => {
    fake.route('/v2/posting/fbs/package-label/get', (request, res) => {
      if (String(request.body.task_id) === '41') {
        sendJson(res, 404, '{"code":5,"message":"TASK_NOT_FOUND"}');
      } else {
        sendJson(res, 200, '{"status":{"code":"pending"}}');
      }
    });
    fake.route(
      '/v3/posting/fbs/package-label/create',
      json(200, '{"tasks":[{"task_id":42,"task_type":"big_label"}]}'),
    );
    expect(await connectorFor(fake).getLabel('0132112277-0101-1', '41')).toEqual({
      state: 'pending',
      retryAfterMs: 2_000,
      taskId: '42',
    });
    expect(fake.calls('/v2/posting/fbs/package-label')).toHaveLength(0);
  });

  it('any other task error is a rejection with Ozon code', async () => {
    fake.route(
      '/v2/posting/fbs/package-label/get',
      json(
        200,
        '{"status":{"code":"error"},"error":{"code":"POSTING_CANCELLED","message":"Posting is cancelled"}}',
      ),
    );
    const error = await failure(connectorFor(fake).getLabel('0132112277-0101-1', '42'), 'rejected');
    expect(error.details.code).toBe('POSTING_CANCELLED');
  });
});

describe('rFBS delivery and credentials', () => {
  it('reports per-posting results; error comes as a string or a list', async () => {
    fake.route(
      '/v2/fbs/posting/tracking-number/set',
      json(200, '{"result":[{"posting_number":"0132112277-0101-1","result":true,"error":""}]}'),
    );
    fake.route(
      '/v2/fbs/posting/delivering',
      json(
        200,
        '{"result":[{"posting_number":"0132112277-0101-1","result":false,"error":"INVALID_STATUS"}]}',
      ),
    );
    fake.route(
      '/v2/fbs/posting/delivered',
      json(
        200,
        '{"result":[{"posting_number":"0132112277-0101-1","result":false,"error":["NOT_DELIVERING","second"]}]}',
      ),
    );
    const connector = connectorFor(fake);
    expect(await connector.setTrackingNumber('0132112277-0101-1', 'RA123456789RU')).toEqual({
      key: '0132112277-0101-1',
      ok: true,
      errors: [],
    });
    expect(await connector.markDelivering('0132112277-0101-1')).toEqual({
      key: '0132112277-0101-1',
      ok: false,
      errors: [{ code: 'INVALID_STATUS', message: 'INVALID_STATUS' }],
    });
    const delivered = await connector.markDelivered('0132112277-0101-1');
    expect(delivered.errors.map((e) => e.code)).toEqual(['NOT_DELIVERING', 'second']);
    expect(fake.calls('/v2/fbs/posting/tracking-number/set')[0]?.text).toBe(
      '{"tracking_numbers":[{"posting_number":"0132112277-0101-1","tracking_number":"RA123456789RU"}]}',
    );
    expect(fake.calls('/v2/fbs/posting/delivering')[0]?.text).toBe(
      '{"posting_number":["0132112277-0101-1"]}',
    );
  });

  it('checkCredentials reads expiry and role names from /v1/roles', async () => {
    fake.route(
      '/v1/roles',
      json(
        200,
        '{"expires_at":"2026-08-14T08:00:00Z","roles":[{"name":"Admin","methods":["/v1/roles"]},{"name":"Logistics","methods":[]}]}',
      ),
    );
    expect(await connectorFor(fake).checkCredentials()).toEqual({
      expiresAt: Date.parse('2026-08-14T08:00:00Z'),
      roles: ['Admin', 'Logistics'],
    });
  });

  it('claims every implemented capability, and not chats or returns', () => {
    const { capabilities, marketplace } = connectorFor(fake);
    expect(marketplace).toBe('ozon');
    expect(
      Object.entries(capabilities)
        .filter(([, on]) => !on)
        .map(([name]) => name),
    ).toEqual(['chats', 'returns']);
  });
});
