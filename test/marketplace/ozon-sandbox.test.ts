import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connector, RemotePosting } from '../../electron/core/marketplace/connector';
import { createOzonConnector } from '../../electron/core/marketplace/ozon/index';
import { startSandbox, TIMING, type Sandbox } from '../../electron/core/sandbox/index';
import { expectValidRequests, failure } from './ozon-fixtures';

/**
 * The connector against the sandbox marketplace end to end: its own HTTP server, its state
 * machine, its rate limits and faults. Sandbox time is manual; the connector's rate limiter
 * keeps the wall clock, so nothing here really waits.
 */
let sandbox: Sandbox;
let connector: Connector;
const sent: { method: string; path: string; text: string }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 20260514, clock: 'manual' });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.control.reset(20260514);
  sent.length = 0;
  connector = createOzonConnector({
    baseUrl: sandbox.url,
    clientId: sandbox.clientId,
    apiKey: sandbox.apiKey,
    timeoutMs: 2_000,
    // Records what goes out, to check it against Ozon's schema below.
    fetch: (input, init) => {
      const url = new URL(String(input));
      sent.push({ method: init?.method ?? 'GET', path: url.pathname, text: String(init?.body) });
      return fetch(input, init);
    },
  });
});
afterEach(() => {
  sandbox.control.clearFaults();
  expectValidRequests(sent);
});

async function allProducts() {
  const items = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await connector.listProducts(cursor);
    items.push(...page.items);
    cursor = page.next;
    pages += 1;
  } while (cursor !== null && pages < 50);
  return items;
}

async function allPostings(changedSince = 0): Promise<{ items: RemotePosting[]; pages: number }> {
  const items: RemotePosting[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await connector.listPostings({
      changedSince,
      until: sandbox.control.now(),
      cursor,
    });
    items.push(...page.items);
    cursor = page.next;
    pages += 1;
  } while (cursor !== null && pages < 100);
  return { items, pages };
}

function toPack(limit = 1): string[] {
  const found = sandbox.control.findPostings({ status: 'awaiting_packaging', rfbs: false, limit });
  expect(found.length).toBe(limit);
  return found;
}

async function shipWhole(postingNumber: string): Promise<string[]> {
  const posting = await connector.getPosting(postingNumber);
  expect(posting?.status).toBe('to_pack');
  return connector.ship(postingNumber, [
    { items: posting!.items.map((item) => ({ sku: item.sku, quantity: item.quantity })) },
  ]);
}

describe('against the sandbox', () => {
  it('checks credentials', async () => {
    const info = await connector.checkCredentials();
    expect(info.roles.length).toBeGreaterThan(0);
    expect(info.expiresAt).toBeGreaterThan(sandbox.control.now());
  });

  it('lists every posting exactly once across cursor pages', async () => {
    sandbox.control.generatePostings(230);
    const expected = sandbox.control.findPostings({ limit: 100_000 });
    const { items, pages } = await allPostings();
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(items.map((p) => p.postingNumber)).size).toBe(items.length);
    expect(items.map((p) => p.postingNumber).sort()).toEqual([...expected].sort());
    // Spot-check the mapping against the sandbox's own view, money and ids included.
    const sample = items[items.length - 1]!;
    const truth = sandbox.control.posting(sample.postingNumber)!;
    expect(sample.warehouseId).toBe(truth.warehouseId);
    expect(sample.items.map((i) => [i.sku, i.quantity, i.priceMinor])).toEqual(
      truth.items.map((i) => [i.sku, i.quantity, i.priceMinor]),
    );
  });

  it('ships, reads back the packed posting, then gets its label once it is ready', async () => {
    const [postingNumber] = toPack();
    expect(await shipWhole(postingNumber!)).toEqual([postingNumber]);
    // Ship is applied asynchronously, as on Ozon.
    sandbox.control.advanceClock(TIMING.shipApplyMs);
    const packed = await connector.getPosting(postingNumber!);
    expect(packed?.status).toBe('packed');

    const early = await connector.getLabel(postingNumber!, null);
    expect(early.state).toBe('pending');
    sandbox.control.advanceClock(TIMING.labelReadyMs);
    let label = await connector.getLabel(postingNumber!, null);
    if (label.state === 'pending') {
      expect(label.taskId).not.toBeNull();
      sandbox.control.advanceClock(TIMING.labelTaskMs);
      label = await connector.getLabel(postingNumber!, label.taskId);
    }
    expect(label.state).toBe('ready');
    const pdf = label.state === 'ready' ? label.pdf : new Uint8Array();
    expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('ship is refused as a business error when the posting is already shipped', async () => {
    const [postingNumber] = toPack();
    await shipWhole(postingNumber!);
    sandbox.control.advanceClock(TIMING.shipApplyMs);
    const error = await failure(
      connector.ship(postingNumber!, [{ items: [{ sku: '1', quantity: 1 }] }]),
      'rejected',
    );
    expect(error.details.code).toMatch(/ALREADY_SHIPPED|INCORRECT_STATUS/);
  });

  it('a ship whose reply is lost is uncertain, and reading back shows it took effect', async () => {
    const [postingNumber] = toPack();
    sandbox.control.setFaults([
      { path: '/v4/posting/fbs/ship', kind: 'timeout_after_effect', delayMs: 50, count: 1 },
    ]);
    const posting = await connector.getPosting(postingNumber!);
    await failure(
      connector.ship(postingNumber!, [
        { items: posting!.items.map((i) => ({ sku: i.sku, quantity: i.quantity })) },
      ]),
      'uncertain',
    );
    sandbox.control.advanceClock(TIMING.shipApplyMs);
    expect((await connector.getPosting(postingNumber!))?.status).toBe('packed');
  });

  it('a reset before the effect is uncertain too; reading back shows nothing happened', async () => {
    const [postingNumber] = toPack();
    sandbox.control.setFaults([
      { path: '/v4/posting/fbs/ship', kind: 'reset_before_effect', count: 1 },
    ]);
    const posting = await connector.getPosting(postingNumber!);
    const packages = [{ items: posting!.items.map((i) => ({ sku: i.sku, quantity: i.quantity })) }];
    await failure(connector.ship(postingNumber!, packages), 'uncertain');
    expect((await connector.getPosting(postingNumber!))?.status).toBe('to_pack');
    expect(await connector.ship(postingNumber!, packages)).toEqual([postingNumber]);
  });

  it('classifies the sandbox faults like Ozon failures', async () => {
    sandbox.control.setFaults([
      { path: '/v1/roles', kind: 'server_error', status: 503, count: 1 },
      { path: '/v2/posting/fbs/cancel-reason/list', kind: 'truncated_json', count: 1 },
      { path: '/v3/posting/fbs/get', kind: 'html_error', count: 1 },
    ]);
    await failure(connector.checkCredentials(), 'transient');
    await failure(connector.cancelReasons(), 'malformed');
    await failure(connector.getPosting('0000000000-0000-1'), 'transient');
    const wrongKey = createOzonConnector({
      baseUrl: sandbox.url,
      clientId: sandbox.clientId,
      apiKey: 'not-the-key',
    });
    await failure(wrongKey.checkCredentials(), 'auth');
    // Last: the connector then holds its calls for the Retry-After (a per-second limit is global).
    sandbox.control.setFaults([
      { path: '/v2/warehouse/list', kind: 'rate_limit', retryAfterSeconds: 1, count: 1 },
    ]);
    expect((await failure(connector.listWarehouses(), 'rate_limited')).details.retryAfterMs).toBe(
      1_000,
    );
  });

  it('cancels with a reason and reads the cancellation back', async () => {
    const [postingNumber] = toPack();
    const reasons = await connector.cancelReasons();
    const outOfStock = reasons.find((r) => r.id === '352');
    expect(outOfStock).toBeDefined();
    await connector.cancel(postingNumber!, outOfStock!.id);
    const cancelled = await connector.getPosting(postingNumber!);
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.cancelReason).toBeTruthy();
  });

  it('getPosting is null for a posting that does not exist', async () => {
    expect(await connector.getPosting('0000000000-0000-9')).toBeNull();
  });

  it('lists products and warehouses, updates stocks with per-item results, archives', async () => {
    const products = await allProducts();
    expect(products.length).toBeGreaterThan(0);
    expect(products.some((p) => p.isArchived)).toBe(true);
    expect(new Set(products.map((p) => p.productId)).size).toBe(products.length);

    const warehouses = await connector.listWarehouses();
    const fbs = warehouses.find((w) => !w.isRfbs)!;
    expect(BigInt(fbs.warehouseId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));

    const live = products.filter((p) => !p.isArchived).slice(0, 2);
    const updates = live.map((p, i) => ({
      productId: p.productId,
      offerId: p.offerId,
      warehouseId: fbs.warehouseId,
      stock: 5 + i,
    }));
    expect((await connector.updateStocks(updates)).map((r) => r.ok)).toEqual([true, true]);
    // The same pair again within 30 s: Ozon answers 200 and fails the items.
    const again = await connector.updateStocks(updates);
    expect(again.every((r) => !r.ok && r.errors.length > 0)).toBe(true);
    sandbox.control.advanceClock(TIMING.stockPairMs);
    expect((await connector.updateStocks(updates)).every((r) => r.ok)).toBe(true);

    const target = live[0]!;
    await connector.setArchived([target.productId], true);
    const afterArchive = await allProducts();
    expect(afterArchive.find((p) => p.productId === target.productId)?.isArchived).toBe(true);
    await connector.setArchived([target.productId], false);
  });

  it('pushes stock with product_id and offer_id, which the sandbox checks against the schema', async () => {
    const [product] = (await allProducts()).filter((p) => !p.isArchived);
    const [warehouse] = await connector.listWarehouses();
    sent.length = 0;
    const [result] = await connector.updateStocks([
      {
        productId: product!.productId,
        offerId: product!.offerId,
        warehouseId: warehouse!.warehouseId,
        stock: 4,
      },
    ]);
    expect(result).toMatchObject({ ok: true, errors: [] });
    expect(sent.map((request) => request.path)).toEqual(['/v2/products/stocks']);
    // Written by hand, so the warehouse id above 2^53 shows as sent: exact.
    expect(sent[0]!.text).toBe(
      `{"stocks":[{"offer_id":${JSON.stringify(product!.offerId)},"product_id":${product!.productId},` +
        `"warehouse_id":${warehouse!.warehouseId},"stock":4}]}`,
    );
    expect(sandbox.control.effects().stocks[`${warehouse!.warehouseId}/${product!.offerId}`]).toBe(
      1,
    );
  });

  it('walks an rFBS posting through tracking number, delivering and delivered', async () => {
    const [postingNumber] = sandbox.control.findPostings({
      status: 'awaiting_packaging',
      rfbs: true,
      limit: 1,
    });
    expect(postingNumber).toBeDefined();
    await shipWhole(postingNumber!);
    sandbox.control.advanceClock(TIMING.shipApplyMs);
    expect((await connector.setTrackingNumber(postingNumber!, 'RA123456789RU')).ok).toBe(true);
    expect((await connector.markDelivering(postingNumber!)).ok).toBe(true);
    sandbox.control.advanceClock(TIMING.rfbsMoveMs);
    const delivering = await connector.getPosting(postingNumber!);
    expect(delivering?.status).toBe('in_delivery');
    expect(delivering?.trackingNumber).toBe('RA123456789RU');
    expect((await connector.markDelivered(postingNumber!)).ok).toBe(true);
    sandbox.control.advanceClock(TIMING.rfbsMoveMs);
    expect((await connector.getPosting(postingNumber!))?.status).toBe('delivered');
  });
});
