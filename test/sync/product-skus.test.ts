import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProducts, type Product } from '../../electron/core/sandbox/seed-data';
import { createSyncFixture, type SyncFixture } from '../support/sync-fixture';

/**
 * Ozon gives a card made before SDS (July 2023) no `sku` of its own: its separate FBO and FBS
 * SKUs are only in `sources[]` of /v3/product/info/list, and its FBS postings name the FBS one.
 * A card still in moderation has no SKU at all. Real sync against the sandbox over HTTP.
 */
const SEED = 23;
const DAY = 24 * 60 * 60 * 1000;
let fx: SyncFixture;
let card: { productId: string; offerId: string };
const preSds = buildProducts(SEED, 0).filter((product) => product.sources.length > 1);

beforeAll(async () => {
  fx = await createSyncFixture(SEED, (sandbox) => {
    sandbox.control.generatePostings(150, { status: 'awaiting_packaging', spanMs: DAY });
    card = sandbox.control.addCardWithoutSku();
  });
  await fx.sync();
});
afterAll(() => fx.dispose());

const skusOf = (product: Product) => product.sources.map(({ sku }) => String(sku)).sort();

/** A posting waiting to be packed that lists a pre-SDS product, and that product. */
async function postingWithPreSdsItem() {
  const page = await fx.call('postings.search', { status: 'to_pack', limit: 500 }, fx.token);
  for (const posting of page.items) {
    const detail = await fx.call(
      'postings.get',
      { postingNumber: posting.postingNumber },
      fx.token,
    );
    for (const item of detail.items) {
      const product = preSds.find((p) => String(p.sku) === item.sku);
      if (product) return { postingNumber: posting.postingNumber, item, product };
    }
  }
  throw new Error('no posting to pack lists a pre-SDS product');
}

describe('products whose SKUs Ozon lists only in sources[]', () => {
  it('are stored with every SKU, the one FBS postings carry first', async () => {
    expect(preSds.length).toBeGreaterThan(10);
    const db = fx.core.services.db;
    for (const product of preSds) {
      const stored = await db
        .selectFrom('products')
        .select('sku')
        .where('account_id', '=', fx.accountId)
        .where('product_id', '=', String(product.productId))
        .executeTakeFirstOrThrow();
      expect(stored.sku).toBe(String(product.sku));
      const skus = await db
        .selectFrom('product_skus')
        .select('sku')
        .where('account_id', '=', fx.accountId)
        .where('product_id', '=', String(product.productId))
        .execute();
      expect(skus.map((row) => row.sku).sort()).toEqual(skusOf(product));
    }
  });

  it('a posting naming one resolves to the product: its packing line shows the barcodes', async () => {
    const { postingNumber, item, product } = await postingWithPreSdsItem();
    const opened = await fx.call(
      'packing.scan',
      { code: postingNumber, source: 'keyboard' },
      fx.token,
    );
    expect(opened.verdict).toBe('posting_opened');
    const line = opened.state.session?.lines.find((l) => l.sku === item.sku);
    expect(line?.barcodes).toEqual(product.barcodes);
    expect(line?.imageUrl).toContain(`/_sandbox/images/${product.productId}.svg`);

    // Its other SKU (FBO) names the same product at the counter too.
    const fbo = product.sources.find(({ source }) => source === 'FBO')!;
    const scanned = await fx.call(
      'packing.scan',
      { code: String(fbo.sku), source: 'keyboard' },
      fx.token,
    );
    expect({ verdict: scanned.verdict, sku: scanned.sku }).toEqual({
      verdict: 'item_ok',
      sku: item.sku,
    });
  });
});

describe('a product Ozon gave no SKU at all', () => {
  it('is stored, and shown in the account’s sync status as a sync error', async () => {
    const stored = await fx.core.services.db
      .selectFrom('products')
      .select(['sku', 'offer_id'])
      .where('product_id', '=', card.productId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ sku: '', offer_id: card.offerId });
    const [account] = await fx.call('accounts.list', {}, fx.token);
    expect(account?.sync.productsWithoutSku).toEqual({
      count: 1,
      products: [{ productId: card.productId, offerId: card.offerId, name: expect.any(String) }],
    });
  });
});
