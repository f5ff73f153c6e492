import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HandlerContext } from '../../electron/core/handler/context';
import type { Connector } from '../../electron/core/marketplace/connector';
import { cachedLabel } from '../../electron/core/documents/label-cache';
import {
  createLabelPrefetch,
  type LabelPrefetch,
} from '../../electron/core/documents/label-prefetch';
import { startCapturePrinter, type CapturePrinter } from '../peers/capture-printer';
import { readZpl } from '../peers/zpl-reader';
import { createSyncFixture, type SyncFixture } from '../support/sync-fixture';
import { createCounterFixture } from '../packing/counter-fixture';
import { wrap, waitFor } from './printing-fixture';
import { handlerContext, printOnCompleteOf } from './printing-context';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Store {
  fx: SyncFixture;
  peer: CapturePrinter;
  posting: string;
  adminId: number;
}

/** A synced sandbox store with a ZPL printer set to marketplace labels on a capture printer. */
async function setUp(): Promise<Store> {
  const fx = await createSyncFixture(7);
  cleanups.push(() => fx.dispose());
  const peer = await startCapturePrinter();
  cleanups.push(() => peer.close());
  await fx.sync();
  const packed = await fx.core.services.db
    .selectFrom('postings')
    .select('posting_number')
    .where('status', '=', 'packed')
    .orderBy('posting_number')
    .executeTakeFirstOrThrow();
  await wrap(fx, fx.token).addPrinter({
    port: peer.port,
    language: 'zpl',
    paper: '4x6in',
    labelSource: 'marketplace',
  });
  const admin = await fx.core.services.db
    .selectFrom('users')
    .select('id')
    .executeTakeFirstOrThrow();
  return { fx, peer, posting: packed.posting_number, adminId: admin.id };
}

/**
 * A label prefetch on the store's database whose connector, once the marketplace hands over
 * `postingNumber`'s label, holds it until `release` — the moment the label is on the wire.
 */
function heldPrefetch(fx: SyncFixture, postingNumber: string) {
  const services = fx.core.services;
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrive = () => undefined as void;
  const held = new Promise<void>((resolve) => (arrive = resolve));
  let holding = true;
  const prefetch = createLabelPrefetch({
    db: services.db,
    now: services.now,
    random: () => 0.5,
    log: services.log,
    events: services.events,
    wakePrinter: () => fx.core.printing.wake(),
    connectorFor(account) {
      const real = services.marketplaces.connectorFor(account);
      return Object.assign(Object.create(real) as Connector, {
        async getLabel(posting: string, taskId: string | null) {
          const result = await real.getLabel(posting, taskId);
          if (holding && posting === postingNumber && result.state === 'ready') {
            holding = false;
            arrive();
            await released;
          }
          return result;
        },
      });
    },
  });
  cleanups.push(async () => {
    release();
    await prefetch.stop();
  });
  return { prefetch, held, release };
}

/** Runs passes, moving both clocks, until `until` resolves (or the ready label is cached). */
async function drive(fx: SyncFixture, prefetch: LabelPrefetch, until: () => Promise<boolean>) {
  prefetch.start();
  await waitFor(
    async () => {
      fx.advance(5_000);
      prefetch.wake();
      await Promise.race([prefetch.idle(), new Promise((resolve) => setTimeout(resolve, 50))]);
      return until();
    },
    (done) => done,
    20_000,
  );
}

async function labelJobs(fx: SyncFixture, posting: string) {
  return fx.call('printing.jobs', { documentKey: posting }, fx.token);
}

describe('a marketplace label and a completion at the same moment', () => {
  it('prints when the posting is completed while its label is on the wire', async () => {
    const { fx, peer, posting, adminId } = await setUp();
    const { prefetch, held, release } = heldPrefetch(fx, posting);
    let onTheWire = false;
    void held.then(() => (onTheWire = true));
    await drive(fx, prefetch, async () => onTheWire);

    // The fetch has the label but has not stored it: completion asks for it on arrival.
    const prints = await printOnCompleteOf(fx.core)(handlerContext(fx.core), posting, adminId);
    expect(prints).toMatchObject({ labelJobId: null, labelOnArrival: true });
    release();
    await prefetch.idle();

    const row = await fx.core.services.db
      .selectFrom('marketplace_labels')
      .select(['state', 'print_on_arrival_printer_id'])
      .where('posting_number', '=', posting)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'ready', print_on_arrival_printer_id: null });
    const jobs = await waitFor(
      () => labelJobs(fx, posting),
      (list) => list.every((j) => j.state === 'printed' || j.state === 'failed'),
    );
    expect(jobs).toEqual([
      expect.objectContaining({ kind: 'marketplace_label', state: 'printed', createdBy: 'admin' }),
    ]);
    const [label] = readZpl(peer.documents()[0]!);
    expect(label!.fields.filter((f) => f.kind === 'graphic')).toHaveLength(1);
  }, 40_000);

  it('prints when the label is stored between the check and the request', async () => {
    const { fx, peer, posting, adminId } = await setUp();
    expect(await cachedLabel(fx.core.services.db, posting)).toBeNull();
    const ctx = handlerContext(fx.core);
    let raced = false;
    // The label arrives just before completion's first transaction: after any look at the
    // cache made outside it.
    const racing: HandlerContext = {
      ...ctx,
      async write(work) {
        if (!raced) {
          raced = true;
          await drive(
            fx,
            fx.core.labels,
            async () => (await cachedLabel(fx.core.services.db, posting)) !== null,
          );
          await fx.core.labels.idle();
        }
        return ctx.write(work);
      },
    };
    const prints = await printOnCompleteOf(fx.core)(racing, posting, adminId);
    expect(raced).toBe(true);
    expect(prints).toMatchObject({ labelJobId: expect.any(Number), labelOnArrival: false });

    const jobs = await waitFor(
      () => labelJobs(fx, posting),
      (list) => list.every((j) => j.state === 'printed' || j.state === 'failed'),
    );
    expect(jobs).toEqual([
      expect.objectContaining({
        id: prints.labelJobId,
        kind: 'marketplace_label',
        state: 'printed',
      }),
    ]);
    expect(peer.documents()).toHaveLength(1);
    // Nothing is left waiting on a row the prefetch will not visit again.
    const row = await fx.core.services.db
      .selectFrom('marketplace_labels')
      .select('print_on_arrival_printer_id')
      .where('posting_number', '=', posting)
      .executeTakeFirstOrThrow();
    expect(row.print_on_arrival_printer_id).toBeNull();
  }, 40_000);
});

describe('completing a posting whose packing slip fails', () => {
  it('still answers with the label it queued, and logs the slip', async () => {
    const fx = await createCounterFixture(41, 3);
    cleanups.push(() => fx.dispose());
    const peer = await startCapturePrinter();
    cleanups.push(() => peer.close());
    const printers = wrap(fx, fx.token);
    await printers.addPrinter({ name: 'Labels', port: peer.port });
    await printers.addPrinter({
      name: 'Receipts',
      port: peer.port,
      paper: '80mm',
      usage: { labels: false, receipts: true, pickLists: false },
      packingSlipOnComplete: true,
    });
    // The database refuses the packing slip (as a full disk would), and only it.
    fx.core.services.sqlite.exec(`
      CREATE TEMP TRIGGER packing_slip_refused BEFORE INSERT ON print_jobs
      WHEN NEW.kind = 'packing_slip'
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
    `);
    const warn = vi.spyOn(fx.core.services.log, 'warn');

    const [posting] = (await fx.toPack()).filter((p) => p.items.every((i) => i.barcode));
    await fx.packAll(posting!);
    const done = await fx.command('complete');
    expect(done.verdict).toBe('completed');
    expect(done.labelJobId).toEqual(expect.any(Number));

    const jobs = await waitFor(
      () => fx.call('printing.jobs', { documentKey: posting!.postingNumber }, fx.token),
      (list) => list.every((j) => j.state === 'printed' || j.state === 'failed'),
    );
    expect(jobs).toEqual([
      expect.objectContaining({ id: done.labelJobId, kind: 'posting_label', state: 'printed' }),
    ]);
    const logged = warn.mock.calls.filter(([, message]) => String(message).includes('not queued'));
    expect(logged).toEqual([
      [
        expect.objectContaining({ postingNumber: posting!.postingNumber }),
        'packing slip not queued for a completed posting',
      ],
    ]);
  }, 60_000);
});
