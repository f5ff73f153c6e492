import type { MethodOutput } from '../../shared/contract/methods';
import type { ScanCommand } from '../../shared/domain/scan';
import { commandBarcode } from '../../shared/domain/scan';
import { createSyncFixture, type SyncFixture } from '../support/sync-fixture';

const DAY = 24 * 60 * 60 * 1000;

export interface PostingToPack {
  id: number;
  postingNumber: string;
  orderNumber: string;
  deliveryMethod: string | null;
  items: { sku: string; quantity: number; barcode: string | null; offerId: string }[];
  units: number;
}

export interface CounterFixture extends SyncFixture {
  scan(code: string, token?: string): Promise<MethodOutput<'packing.scan'>>;
  command(command: ScanCommand, token?: string): Promise<MethodOutput<'packing.scan'>>;
  /** Postings waiting to be packed, with each item's first EAN from the catalogue. */
  toPack(): Promise<PostingToPack[]>;
  /** Scans every unit of a posting (by barcode), opening it first. */
  packAll(posting: PostingToPack, token?: string): Promise<void>;
  /** A packer with a PIN, signed in; returns its token. */
  addPacker(username: string, displayName: string, pin: string): Promise<string>;
}

/**
 * A core on a real SQLite file and the sandbox marketplace over loopback HTTP, with postings
 * waiting to be packed pulled in through the real sync.
 */
export async function createCounterFixture(seed = 31, postings = 40): Promise<CounterFixture> {
  const fx = await createSyncFixture(seed, (sandbox) => {
    sandbox.control.generatePostings(postings, { status: 'awaiting_packaging', spanMs: 2 * DAY });
  });
  await fx.sync();
  const db = fx.core.services.db;

  const scan = (code: string, token = fx.token) =>
    fx.call('packing.scan', { code, source: 'keyboard' }, token);

  async function toPack(): Promise<PostingToPack[]> {
    const rows = await db
      .selectFrom('postings')
      .select(['id', 'posting_number', 'order_number', 'delivery_method', 'account_id'])
      .where('status', '=', 'to_pack')
      .where('local_state', '=', 'none')
      .orderBy('id')
      .execute();
    const result: PostingToPack[] = [];
    for (const row of rows) {
      const items = await db
        .selectFrom('posting_items as i')
        .leftJoin('products as p', (join) =>
          join.on('p.account_id', '=', row.account_id).onRef('p.sku', '=', 'i.sku'),
        )
        .leftJoin('product_barcodes as b', (join) =>
          join
            .onRef('b.account_id', '=', 'p.account_id')
            .onRef('b.product_id', '=', 'p.product_id'),
        )
        .select(['i.sku', 'i.quantity', 'i.offer_id', (eb) => eb.fn.min('b.barcode').as('barcode')])
        .where('i.posting_id', '=', row.id)
        .groupBy(['i.line', 'i.sku', 'i.quantity', 'i.offer_id'])
        .orderBy('i.line')
        .execute();
      result.push({
        id: row.id,
        postingNumber: row.posting_number,
        orderNumber: row.order_number,
        deliveryMethod: row.delivery_method,
        items: items.map((item) => ({
          sku: item.sku,
          quantity: item.quantity,
          barcode: item.barcode ?? null,
          offerId: item.offer_id,
        })),
        units: items.reduce((sum, item) => sum + item.quantity, 0),
      });
    }
    return result;
  }

  return {
    ...fx,
    // A completion starts a push without waiting for it; let it finish before the core closes.
    async dispose() {
      await fx.core.sync.pushNow(fx.accountId).catch(() => undefined);
      await fx.dispose();
    },
    scan,
    command: (command, token = fx.token) => scan(commandBarcode(command), token),
    toPack,
    async packAll(posting, token = fx.token) {
      await scan(posting.postingNumber, token);
      for (const item of posting.items) {
        for (let i = 0; i < item.quantity; i++) await scan(item.barcode ?? item.sku, token);
      }
    },
    async addPacker(username, displayName, pin) {
      await fx.call(
        'users.create',
        { username, displayName, role: 'staff', password: 'packer password 1', pin },
        fx.token,
      );
      return (await fx.call('auth.login', { username, password: 'packer password 1' })).token;
    },
  };
}
