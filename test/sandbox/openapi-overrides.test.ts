import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, TIMING } from '../../electron/core/sandbox';
import { OVERRIDES, type OverrideName } from '../../electron/core/sandbox/openapi/overrides';
import { ozonSchemaDocument } from '../../electron/core/sandbox/openapi/schema-file';
import { validateRequest, validateResponse } from '../../electron/core/sandbox/openapi/validator';
import { type OzonCall, openSandbox } from './client';

/**
 * One test per override in electron/core/sandbox/openapi/overrides.ts: what the published schema
 * says, that the override changes exactly that, and that the sandbox behaves as Ozon does.
 */
let sandbox: Sandbox;
let call: OzonCall;
const tested = new Set<OverrideName>();

beforeAll(async () => {
  ({ sandbox, call } = await openSandbox({ seed: 3 }));
});
afterAll(() => sandbox.close());

const schemas = () => ozonSchemaDocument().components.schemas;
const operations = () => ozonSchemaDocument().paths;

describe('overrides of the published schema', () => {
  it('stockWithoutQuantSize: quant_size is not required; product_id still is', () => {
    tested.add('stockWithoutQuantSize');
    expect(schemas().productv2ProductsStocksRequestStock?.required).toContain('quant_size');
    const line = { offer_id: 'SK-1', product_id: 1, warehouse_id: 2, stock: 3 };
    expect(validateRequest('/v2/products/stocks', { stocks: [line] }).errors).toEqual([]);
    const { product_id: _dropped, ...withoutProduct } = line;
    expect(validateRequest('/v2/products/stocks', { stocks: [withoutProduct] }).errors).toEqual([
      `/stocks/0 must have required property 'product_id' {"missingProperty":"product_id"}`,
    ]);
  });

  it('legacyLabelIsPdf: the legacy label call answers raw PDF bytes', async () => {
    tested.add('legacyLabelIsPdf');
    // The schema describes the 200 reply as a JSON object wrapping the file.
    expect(
      Object.keys(schemas().postingPostingFBSPackageLabelResponse?.properties as object),
    ).toEqual(['file_content', 'file_name', 'content_type']);
    const [number] = sandbox.control.findPostings({ status: 'awaiting_packaging', limit: 1 });
    const items = sandbox.control.posting(number!)!.items;
    await call('/v4/posting/fbs/ship', {
      posting_number: number,
      packages: [{ products: items.map((i) => ({ product_id: i.sku, quantity: i.quantity })) }],
    });
    sandbox.control.advanceClock(TIMING.shipApplyMs + TIMING.labelReadyMs);
    const reply = await call('/v2/posting/fbs/package-label', { posting_number: [number] });
    expect(reply.headers.get('content-type')).toBe('application/pdf');
    expect(validateResponse('/v2/posting/fbs/package-label', 200, reply.bytes).ok).toBe(true);
    const wrapper = {
      content_type: 'application/pdf',
      file_name: 'a.pdf',
      file_content: 'JVBERi0=',
    };
    expect(validateResponse('/v2/posting/fbs/package-label', 200, wrapper).errors).toEqual([
      '/ raw PDF bytes expected',
    ]);
  });

  it('labelTaskApi: the new label calls are checked though this copy lacks them', async () => {
    tested.add('labelTaskApi');
    expect(operations()['/v3/posting/fbs/package-label/create']).toBeUndefined();
    expect(operations()['/v2/posting/fbs/package-label/get']).toBeUndefined();
    const created = await call('/v3/posting/fbs/package-label/create', {
      posting_numbers: ['0000000000-0000-1'],
    });
    expect(created.body.tasks[0].task_type).toBe('big_label');
    expect(
      validateRequest('/v3/posting/fbs/package-label/create', { posting_number: ['x'] }).ok,
    ).toBe(false);
    expect(
      validateResponse('/v2/posting/fbs/package-label/get', 200, { status: { code: 'done' } }).ok,
    ).toBe(false);
  });

  it('errorBodyForEveryStatus: a 429 no operation declares still carries rpcStatus', async () => {
    tested.add('errorBodyForEveryStatus');
    expect(
      Object.keys(operations()['/v2/products/stocks']?.post?.responses as object),
    ).not.toContain('429');
    sandbox.control.setFaults([{ path: '/v2/products/stocks', kind: 'rate_limit', count: 1 }]);
    const limited = await call('/v2/products/stocks', {
      stocks: [{ offer_id: 'SK-1', product_id: 1, warehouse_id: 2, stock: 3 }],
    });
    expect(limited.status).toBe(429);
    expect(validateResponse('/v2/products/stocks', 429, limited.body).ok).toBe(true);
    expect(validateResponse('/v2/products/stocks', 429, { error: 'slow down' }).ok).toBe(false);
    // A success status no operation declares is still an error of ours.
    expect(validateResponse('/v2/products/stocks', 201, {}).errors).toEqual([
      '/ status 201 is not declared for /v2/products/stocks',
    ]);
  });

  it('int64TextInRequests: an int64 may come as digits in a request, never in a reply', async () => {
    tested.add('int64TextInRequests');
    const warehouse = (schemas().productv2ProductsStocksRequestStock?.properties as any)
      .warehouse_id;
    expect(warehouse).toMatchObject({ type: 'integer', format: 'int64' });
    const { offer_id, product_id } = (await call('/v3/product/list', { limit: 1 })).body.result
      .items[0];
    const asText = {
      stocks: [
        { offer_id, product_id: String(product_id), warehouse_id: '21020005003107121', stock: 1 },
      ],
    };
    expect(validateRequest('/v2/products/stocks', asText).ok).toBe(true);
    const reply = await call('/v2/products/stocks', asText);
    expect(reply.body.result[0]).toMatchObject({ updated: true, errors: [] });
    expect(reply.text).toContain('"warehouse_id":21020005003107121');
    const notDigits = { stocks: [{ ...asText.stocks[0], warehouse_id: '2102x' }] };
    expect(validateRequest('/v2/products/stocks', notDigits).ok).toBe(false);
    const textInReply = {
      result: [{ warehouse_id: '1', product_id: 1, offer_id, updated: true, errors: [] }],
    };
    expect(validateResponse('/v2/products/stocks', 200, textInReply).ok).toBe(false);
  });

  it('every override listed in overrides.ts has its test above', () => {
    expect([...tested].sort()).toEqual(Object.keys(OVERRIDES).sort());
  });
});
