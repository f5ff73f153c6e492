import BetterSqlite3 from 'better-sqlite3';
import { migrate } from '../../electron/core/db/migrate';
import { gs1CheckDigit } from '../../shared/lib/barcodes';

const DAY = 24 * 60 * 60 * 1000;
const STATUSES = ['to_pack', 'packed', 'in_delivery', 'delivered', 'cancelled'] as const;

export interface SeededPostings {
  /** Every `sampleEvery`-th posting, to look up by its numbers. */
  samples: {
    postingNumber: string;
    orderNumber: string;
    labelBarcode: string;
    status: (typeof STATUSES)[number];
    /** The EAN-13 of its one item. */
    itemBarcode: string;
  }[];
  /** EAN-13 barcodes of the catalogue, by product index. */
  productBarcodes: string[];
  fillSeconds: number;
}

function ean13(body12: string): string {
  return `${body12}${gs1CheckDigit(body12)}`;
}

/**
 * Fills a fresh shop database (migrated, account 1) with `count` postings as the sync would
 * store them: every fifth waiting to be packed, each with one item of a catalogue of
 * `products` products with EAN-13 barcodes, and Ozon's label barcodes in the stored payload.
 * Plain prepared statements in one transaction: a million postings in well under a minute.
 * The browser benchmark of the packing screen seeds its station's database with it too.
 */
export function seedPostings(
  file: string,
  { count = 1_000_000, products = 2_000, sampleEvery = 997 } = {},
): SeededPostings {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  migrate(sqlite, file);
  const started = performance.now();
  sqlite
    .prepare(
      "INSERT INTO accounts (id, marketplace, name, base_url, client_id, api_key_sealed, created_at) VALUES (1, 'ozon', 'Bench', 'http://127.0.0.1:9', '1', 'v1.x.x.x', 0)",
    )
    .run();
  const insertProduct = sqlite.prepare(
    `INSERT INTO products (account_id, product_id, sku, offer_id, name, price_minor, currency, is_archived, image_url, raw, synced_at)
     VALUES (1, ?, ?, ?, ?, 100000, 'RUB', 0, NULL, '{}', 0)`,
  );
  const insertBarcode = sqlite.prepare(
    'INSERT INTO product_barcodes (account_id, barcode, product_id) VALUES (1, ?, ?)',
  );
  const insertSku = sqlite.prepare(
    'INSERT INTO product_skus (account_id, sku, product_id) VALUES (1, ?, ?)',
  );
  const insertPosting = sqlite.prepare(
    `INSERT INTO postings (id, account_id, posting_number, order_number, order_id, status, marketplace_status, marketplace_substatus,
      in_process_at, shipment_date, changed_at, warehouse_id, delivery_method, tracking_number, cancel_reason, item_count, raw, synced_at)
     VALUES (?, 1, ?, ?, ?, ?, 'awaiting_packaging', '', ?, ?, ?, '1020005003107121000', 'Ozon Логистика', '', NULL, 1, ?, 0)`,
  );
  const insertItem = sqlite.prepare(
    `INSERT INTO posting_items (posting_id, line, sku, offer_id, name, quantity, price_minor, currency)
     VALUES (?, 0, ?, ?, ?, 1, 100000, 'RUB')`,
  );
  const productBarcodes: string[] = [];
  const samples: SeededPostings['samples'] = [];
  const start = Date.UTC(2025, 10, 1);
  sqlite.transaction(() => {
    for (let p = 0; p < products; p++) {
      const barcode = ean13(`460${String(p).padStart(9, '0')}`);
      productBarcodes.push(barcode);
      insertProduct.run(
        String(300_000_000 + p),
        String(800_000_000 + p),
        `SKU-${p}`,
        `Product ${p}`,
      );
      insertBarcode.run(barcode, String(300_000_000 + p));
      insertSku.run(String(800_000_000 + p), String(300_000_000 + p));
    }
    for (let i = 0; i < count; i++) {
      const order =
        String(1_000_000_000 + ((i * 7_919) % 9_000_000_000)).padStart(10, '0') +
        `-${String(i % 10_000).padStart(4, '0')}`;
      const postingNumber = `${order}-${(i % 3) + 1}`;
      const label = `71${String(40_000_000_000 + i).padStart(13, '0')}`;
      const status = STATUSES[i % STATUSES.length]!;
      const product = i % products;
      const at = start + i * 30_000;
      insertPosting.run(
        i + 1,
        postingNumber,
        order,
        String(40_000_000_000 + i),
        status,
        at,
        at + DAY,
        at,
        `{"barcodes":{"upper_barcode":"${label}","lower_barcode":"${label}"}}`,
      );
      insertItem.run(i + 1, String(800_000_000 + product), `SKU-${product}`, `Product ${product}`);
      if (i % sampleEvery === 0) {
        samples.push({
          postingNumber,
          orderNumber: order,
          labelBarcode: label,
          status,
          itemBarcode: productBarcodes[product]!,
        });
      }
    }
  })();
  sqlite.close();
  return { samples, productBarcodes, fillSeconds: (performance.now() - started) / 1000 };
}
