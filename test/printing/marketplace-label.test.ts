import { afterEach, describe, expect, it } from 'vitest';
import { inkDots } from '../../electron/core/devices/printer/raster';
import { startCapturePrinter, type CapturePrinter } from '../peers/capture-printer';
import { readEscPos } from '../peers/escpos-reader';
import { readZpl } from '../peers/zpl-reader';
import { createSyncFixture, type SyncFixture } from '../support/sync-fixture';
import { wrap, waitFor } from './printing-fixture';
import { handlerContext, printOnCompleteOf } from './printing-context';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A sandbox store synced once, with the label prefetch running and a capture printer. */
async function setUp(): Promise<{ fx: SyncFixture; peer: CapturePrinter; packed: string[] }> {
  const fx = await createSyncFixture(7);
  cleanups.push(() => fx.dispose());
  const peer = await startCapturePrinter();
  cleanups.push(() => peer.close());
  await fx.sync();
  const packed = (
    await fx.core.services.db
      .selectFrom('postings')
      .select('posting_number')
      .where('status', '=', 'packed')
      .orderBy('posting_number')
      .execute()
  ).map((row) => row.posting_number);
  expect(packed.length).toBeGreaterThan(0);
  return { fx, peer, packed };
}

/** Runs the prefetch until every packed posting's label is cached, moving both clocks. */
async function fetchLabels(fx: SyncFixture, count: number) {
  fx.core.labels.start();
  return waitFor(
    async () => {
      fx.advance(5_000);
      fx.core.labels.wake();
      await fx.core.labels.idle();
      return fx.core.services.db
        .selectFrom('marketplace_labels')
        .select(['posting_number', 'state', 'last_error'])
        .where('state', '=', 'ready')
        .execute();
    },
    (rows) => rows.length >= count,
    20_000,
  );
}

describe('marketplace labels', () => {
  it('are fetched as soon as a posting is packed, cached, and print with the marketplace gone', async () => {
    const { fx, peer, packed } = await setUp();
    const ready = await fetchLabels(fx, packed.length);
    expect(ready.map((r) => r.posting_number).sort()).toEqual(packed);

    // The marketplace goes away; the label still prints, from the cache.
    await fx.sandbox.close();
    const pf = wrap(fx, fx.token);
    const printerId = await pf.addPrinter({
      port: peer.port,
      language: 'zpl',
      paper: '4x6in',
      labelSource: 'marketplace',
    });
    const admin = await fx.core.services.db
      .selectFrom('users')
      .select('id')
      .executeTakeFirstOrThrow();
    const prints = await printOnCompleteOf(fx.core)(handlerContext(fx.core), packed[0]!, admin.id);
    expect(prints.labelOnArrival).toBe(false);
    expect(prints.labelJobId).not.toBeNull();
    const job = await waitFor(
      () => pf.job(prints.labelJobId!),
      (j) => j.state === 'printed' || j.state === 'failed',
    );
    expect(job).toMatchObject({ state: 'printed' });
    const [label] = readZpl(peer.documents()[0]!);
    // The sandbox's 75 x 120 mm page at 203 dpi: 600 dots wide, centred on the 812-dot label.
    const [graphic] = label!.fields.filter((f) => f.kind === 'graphic');
    expect(label!.fields).toHaveLength(1);
    expect(graphic!.bitmap!.width).toBe(600);
    expect(graphic!.bitmap!.height).toBe(958);
    expect(inkDots(graphic!.bitmap!)).toBeGreaterThan(1_000);

    // The preview shows the same label, and a reprint works offline too.
    const preview = await fx.call(
      'printing.preview',
      { kind: 'marketplace_label', documentKey: packed[0]!, printerId },
      fx.token,
    );
    expect(preview).toMatchObject({ widthPx: 812, heightPx: 1218 });
    expect(preview.dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    const reprint = await fx.call(
      'printing.reprint',
      { jobId: prints.labelJobId!, reason: 'torn label' },
      fx.token,
    );
    expect(
      (
        await waitFor(
          () => pf.job(reprint.id),
          (j) => j.state === 'printed',
        )
      ).state,
    ).toBe('printed');
    expect(peer.documents()).toHaveLength(2);
  }, 40_000);

  it('is printed when it arrives if completion asked for it before, as ESC/POS raster', async () => {
    const { fx, peer, packed } = await setUp();
    const pf = wrap(fx, fx.token);
    await pf.addPrinter({
      port: peer.port,
      language: 'escpos',
      paper: '80mm',
      labelSource: 'marketplace',
    });
    const admin = await fx.core.services.db
      .selectFrom('users')
      .select('id')
      .executeTakeFirstOrThrow();
    const prints = await printOnCompleteOf(fx.core)(handlerContext(fx.core), packed[0]!, admin.id);
    expect(prints).toMatchObject({ labelJobId: null, labelOnArrival: true });
    await fetchLabels(fx, 1);
    const jobs = await waitFor(
      () => fx.call('printing.jobs', { documentKey: packed[0]! }, fx.token),
      (list) => list.some((j) => j.state === 'printed'),
    );
    expect(jobs).toEqual([
      expect.objectContaining({ kind: 'marketplace_label', createdBy: 'admin' }),
    ]);
    const doc = readEscPos(peer.documents()[0]!);
    // 72 mm printable at 203 dpi = 575 dots, rounded up to whole bytes; 256-row bands.
    const width = doc.rasters[0]!.width;
    expect(width).toBeLessThanOrEqual(576);
    expect(doc.rasters.reduce((sum, r) => sum + r.height, 0)).toBeGreaterThan(800);
    expect(doc.rasters.reduce((sum, r) => sum + inkDots(r), 0)).toBeGreaterThan(1_000);
    expect(doc.cuts).toBe(1);
  }, 40_000);
});
