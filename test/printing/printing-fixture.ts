import { expect } from 'vitest';
import type { MethodInput, MethodOutput } from '../../shared/contract/methods';
import { createCoreFixture, setUpShop, tempDir, type CoreFixture } from '../support/core-fixture';

export interface SeedPosting {
  postingNumber: string;
  items: { name: string; offerId: string; quantity: number }[];
  addressee?: string;
}

/** Puts postings in the local tables as a pull would have left them. */
export async function seedPostings(fx: CoreFixture, postings: SeedPosting[]): Promise<void> {
  const db = fx.core.services.db;
  let account = await db.selectFrom('accounts').select('id').executeTakeFirst();
  if (!account) {
    account = await db
      .insertInto('accounts')
      .values({
        marketplace: 'ozon',
        name: 'Test store',
        base_url: 'http://127.0.0.1:1',
        client_id: '1',
        api_key_sealed: 'sealed',
        is_demo: 0,
        created_at: fx.clock.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('warehouses')
      .values({
        account_id: account.id,
        warehouse_id: 'W1',
        name: 'Склад Москва',
        is_rfbs: 0,
        status: 'created',
        raw: '{}',
      })
      .execute();
  }
  for (const posting of postings) {
    const row = await db
      .insertInto('postings')
      .values({
        account_id: account.id,
        posting_number: posting.postingNumber,
        order_number: posting.postingNumber.split('-').slice(0, 2).join('-'),
        order_id: '1',
        status: 'to_pack' as never,
        marketplace_status: 'awaiting_packaging',
        marketplace_substatus: '',
        in_process_at: fx.clock.now,
        shipment_date: null,
        changed_at: null,
        warehouse_id: 'W1',
        delivery_method: null,
        tracking_number: '',
        cancel_reason: null,
        item_count: posting.items.length,
        raw: JSON.stringify(posting.addressee ? { addressee: { name: posting.addressee } } : {}),
        synced_at: fx.clock.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('posting_items')
      .values(
        posting.items.map((item, line) => ({
          posting_id: row.id,
          line,
          sku: String(1000 + line),
          offer_id: item.offerId,
          name: item.name,
          quantity: item.quantity,
          price_minor: 100,
          currency: 'RUB',
        })),
      )
      .execute();
  }
}

export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 8_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) {
      expect.fail(`Timed out waiting; last value ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface PrintingFixture {
  fx: CoreFixture;
  token: string;
  job(id: number): Promise<MethodOutput<'printing.jobs'>[number]>;
  addPrinter(input: Partial<MethodInput<'printers.save'>> & { port: number }): Promise<number>;
}

export async function createPrintingFixture(dataDir = tempDir()): Promise<PrintingFixture> {
  const fx = await createCoreFixture(dataDir);
  const token = await setUpShop(fx);
  return wrap(fx, token);
}

export function wrap(fx: CoreFixture, token: string): PrintingFixture {
  return {
    fx,
    token,
    async job(id) {
      const [job] = (await fx.call('printing.jobs', { limit: 500 }, token)).filter(
        (j) => j.id === id,
      );
      if (!job) throw new Error(`No job ${id}`);
      return job;
    },
    async addPrinter(input) {
      const printer = await fx.call(
        'printers.save',
        {
          name: 'Label printer',
          transport: 'tcp',
          host: '127.0.0.1',
          language: 'escpos',
          paper: '58mm',
          codePage: 'cp866',
          usage: { labels: true, receipts: false, pickLists: false },
          ...input,
        },
        token,
      );
      return printer.id;
    },
  };
}
