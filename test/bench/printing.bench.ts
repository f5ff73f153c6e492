import { describe, it } from 'vitest';
import { packageLabelLayout, renderLayouts } from '../../electron/core/documents/documents';
import type { PrinterProfile } from '../../electron/core/documents/layout';
import { labelPdf } from '../../electron/core/sandbox/pdf';
import { startCapturePrinter, type CapturePrinter } from '../peers/capture-printer';
import { createPrintingFixture, seedPostings, waitFor } from '../printing/printing-fixture';
import { handlerContext, printOnCompleteOf } from '../printing/printing-context';
import { figure, percentile } from './figures';

/**
 * `npm run bench`, issue 5's printing figures:
 * - complete-to-first-byte: from `printOnComplete` (what the counter's "complete" calls after
 *   committing) to the first byte of the label at a raw-9100 capture printer on loopback, with
 *   the printer's status asked before sending as in production; our own ZPL label (names in
 *   Cyrillic, Chinese and Persian, so bitmaps are drawn) and, separately, a cached marketplace
 *   PDF rasterised at 203 dpi;
 * - labels generated per second for a batch of 500 (ZPL and ESC/POS), and how long 500 queued
 *   labels take to reach the capture printer.
 */
const NAMES = ['Кружка керамическая', '绿茶 龙井 100 г', 'لیوان سرامیکی'];
const ADDRESSEES = ['Иван Петров', '王小明', 'محمد رضایی'];

function postings(prefix: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    postingNumber: `${prefix}${String(i).padStart(5, '0')}-0001-1`,
    items: [
      { name: NAMES[i % 3]!, offerId: `SKU-${i}`, quantity: 1 + (i % 3) },
      { name: 'Plain cup', offerId: 'CUP', quantity: 1 },
    ],
    addressee: ADDRESSEES[i % 3]!,
  }));
}

async function firstDocumentByteAfter(peer: CapturePrinter, seen: number): Promise<number> {
  const docs = await waitFor(
    async () =>
      peer.connections.filter(
        (c) =>
          c.firstByteAt !== null && !/^(\x10\x04.|~HS\r\n)+$/s.test(c.bytes.toString('latin1')),
      ),
    (list) => list.length > seen,
    20_000,
  );
  return docs[seen]!.firstByteAt!;
}

async function latency(marketplace: boolean): Promise<number[]> {
  const pf = await createPrintingFixture();
  const peer = await startCapturePrinter();
  try {
    const seeded = postings(marketplace ? '7' : '6', 110);
    await seedPostings(pf.fx, seeded);
    await pf.addPrinter({
      port: peer.port,
      language: 'zpl',
      paper: '4x6in',
      labelSource: marketplace ? 'marketplace' : 'own',
    });
    const db = pf.fx.core.services.db;
    if (marketplace) {
      const account = await db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
      for (const posting of seeded) {
        await db
          .insertInto('marketplace_labels')
          .values({
            account_id: account.id,
            posting_number: posting.postingNumber,
            state: 'ready',
            pdf: labelPdf([posting.postingNumber]),
            next_attempt_at: 0,
            fetched_at: 0,
            created_at: 0,
          })
          .execute();
      }
    }
    const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const ctx = handlerContext(pf.fx.core);
    const printOnComplete = printOnCompleteOf(pf.fx.core);
    const samples: number[] = [];
    for (const [i, posting] of seeded.entries()) {
      const started = performance.now();
      const prints = await printOnComplete(ctx, posting.postingNumber, user.id);
      if (prints.labelJobId === null) throw new Error('no label job');
      const firstByte = await firstDocumentByteAfter(peer, i);
      // The first ten warm the JIT, the fonts and PDFium.
      if (i >= 10) samples.push(firstByte - started);
      await waitFor(
        () => pf.job(prints.labelJobId!),
        (j) => j.state === 'printed',
      );
    }
    return samples;
  } finally {
    await peer.close();
    await pf.fx.dispose();
  }
}

describe('printing benchmarks', () => {
  it('complete-to-first-byte latency, own label and marketplace PDF', async () => {
    for (const [name, marketplace] of [
      ['own_label', false],
      ['marketplace_pdf', true],
    ] as const) {
      const samples = await latency(marketplace);
      figure(
        `printing.complete_to_first_byte.${name}.p50`,
        percentile(samples, 50).toFixed(1),
        'ms',
      );
      figure(
        `printing.complete_to_first_byte.${name}.p99`,
        percentile(samples, 99).toFixed(1),
        'ms',
      );
    }
  }, 120_000);

  it('labels generated per second, and a batch of 500 to the capture printer', async () => {
    const batch = postings('8', 500);
    for (const profile of [
      { name: 'z', language: 'zpl', paper: '4x6in', dpi: 203, codePage: 'pc437' },
      { name: 'e', language: 'escpos', paper: '58mm', dpi: 203, codePage: 'cp866' },
    ] satisfies PrinterProfile[]) {
      renderLayouts(
        profile,
        [
          packageLabelLayout({
            ...batch[0]!,
            orderNumber: null,
            warehouse: 'Склад',
            date: 'now',
            addressee: null,
          }),
        ],
        'x',
      );
      const started = performance.now();
      let bytes = 0;
      for (const posting of batch) {
        bytes += renderLayouts(
          profile,
          [
            packageLabelLayout({
              ...posting,
              orderNumber: null,
              warehouse: 'Склад Москва',
              date: '2026-11-23 09:00',
            }),
          ],
          posting.postingNumber,
        ).length;
      }
      const seconds = (performance.now() - started) / 1000;
      figure(
        `printing.generate_500.${profile.language}.rate`,
        Math.round(500 / seconds),
        'labels/s',
      );
      figure(`printing.generate_500.${profile.language}.avg_bytes`, Math.round(bytes / 500), 'B');
    }

    const pf = await createPrintingFixture();
    const peer = await startCapturePrinter();
    let ticker: NodeJS.Timeout | undefined;
    try {
      await seedPostings(pf.fx, batch);
      await pf.addPrinter({ port: peer.port, language: 'zpl', paper: '4x6in' });
      // The fixture's clock stands still; let it follow real time so a retry backoff can end.
      const base = pf.fx.clock.now - Date.now();
      ticker = setInterval(() => (pf.fx.clock.now = Date.now() + base), 20);
      const started = performance.now();
      for (const posting of batch) {
        await pf.fx.call(
          'printing.printPostingLabel',
          { postingNumber: posting.postingNumber },
          pf.token,
        );
      }
      const queued = performance.now();
      await waitFor(
        async () => peer.documents().length,
        (n) => n >= 500,
        300_000,
      );
      const done = performance.now();
      figure('printing.batch_500.queue_seconds', ((queued - started) / 1000).toFixed(2), 's');
      figure('printing.batch_500.to_printer_seconds', ((done - started) / 1000).toFixed(2), 's');
      figure('printing.batch_500.rate', Math.round(500 / ((done - started) / 1000)), 'labels/s');
    } finally {
      clearInterval(ticker);
      await peer.close();
      await pf.fx.dispose();
    }
  }, 400_000);
});
