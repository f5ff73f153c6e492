import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, TIMING } from '../../electron/core/sandbox';
import { control, type OzonCall, openSandbox } from './client';

const HOUR = 3_600_000;
let sandbox: Sandbox;
let call: OzonCall;

afterEach(() => sandbox.close());

describe('sandbox time', () => {
  it('brings new postings and buyer cancellations as the clock advances', async () => {
    ({ sandbox, call } = await openSandbox({ seed: 8 }));
    const start = sandbox.control.now();
    const before = sandbox.control.findPostings({ limit: 1_000_000 }).length;
    sandbox.control.advanceClock(2 * HOUR);
    const after = sandbox.control.findPostings({ limit: 1_000_000 });
    expect(after.length - before).toBeGreaterThanOrEqual((2 * HOUR) / TIMING.streamMaxMs);
    expect(sandbox.control.posting(after.at(-1)!)!.inProcessAt).toBeGreaterThan(start);

    const reply = await call('/v4/posting/fbs/list', {
      filter: {
        since: new Date(start).toISOString(),
        to: new Date(start + 2 * HOUR).toISOString(),
      },
      limit: 100,
    });
    expect(reply.body.postings).toHaveLength(after.length - before);

    sandbox.control.advanceClock(24 * HOUR);
    const cancelled = await call('/v4/posting/fbs/list', {
      filter: {
        since: new Date(start).toISOString(),
        to: new Date(start + 26 * HOUR).toISOString(),
        statuses: ['cancelled'],
      },
      limit: 100,
    });
    expect(cancelled.body.postings.length).toBeGreaterThan(0);
    expect(cancelled.body.postings[0].cancellation.cancellation_type).toBe('client');
  });

  it('hands shipped FBS postings to delivery and delivers them later', async () => {
    ({ sandbox, call } = await openSandbox({ seed: 8 }));
    const numbers = sandbox.control.findPostings({
      status: 'awaiting_packaging',
      rfbs: false,
      limit: 4,
    });
    for (const number of numbers) {
      const items = sandbox.control.posting(number)!.items;
      await call('/v4/posting/fbs/ship', {
        posting_number: number,
        packages: [{ products: items.map((i) => ({ product_id: i.sku, quantity: i.quantity })) }],
      });
    }
    sandbox.control.advanceClock(TIMING.shipApplyMs + TIMING.handoverMs);
    // A buyer may cancel a packed posting before the carrier takes it (an alert for the packer).
    const handed = numbers.filter((n) => sandbox.control.posting(n)?.status === 'delivering');
    expect(handed.length).toBeGreaterThan(0);
    for (const n of numbers.filter((x) => !handed.includes(x))) {
      expect(sandbox.control.posting(n)?.cancellation).toMatchObject({
        type: 'client',
        afterShip: true,
      });
    }
    sandbox.control.advanceClock(TIMING.deliverMs);
    expect(handed.map((n) => sandbox.control.posting(n)?.status)).toEqual(
      handed.map(() => 'delivered'),
    );
  });

  it('lets a test cancel as the buyer, also after packing, and change quantities', async () => {
    ({ sandbox, call } = await openSandbox({ seed: 8 }));
    const [a, b] = sandbox.control.findPostings({
      status: 'awaiting_packaging',
      rfbs: false,
      limit: 2,
    });
    const items = sandbox.control.posting(b!)!.items;
    await call('/v4/posting/fbs/ship', {
      posting_number: b,
      packages: [{ products: items.map((i) => ({ product_id: i.sku, quantity: i.quantity })) }],
    });
    sandbox.control.advanceClock(TIMING.shipApplyMs);
    sandbox.control.buyerCancel(b!);
    const got = await call('/v3/posting/fbs/get', { posting_number: b });
    expect(got.body.result.status).toBe('cancelled');
    expect(got.body.result.cancellation).toMatchObject({
      cancellation_type: 'client',
      cancelled_after_ship: true,
    });

    const sku = sandbox.control.posting(a!)!.items[0]!.sku;
    const changed = await control(sandbox, 'set-item-quantity', {
      postingNumber: a,
      sku,
      quantity: 5,
    });
    expect(changed.status).toBe(200);
    const read = await call('/v3/posting/fbs/get', { posting_number: a });
    expect(read.body.result.products.find((p: any) => String(p.sku) === sku).quantity).toBe(5);
    expect((await control(sandbox, 'buyer-cancel', { postingNumber: 'nope' })).status).toBe(404);
  });

  it('follows the wall clock in real mode', async () => {
    sandbox = await startSandbox({ clock: 'real', startAt: Date.UTC(2026, 0, 1) });
    const first = sandbox.control.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sandbox.control.now()).toBeGreaterThan(first);
  });

  it('bulk-generates a million postings fast and pages through them', async () => {
    ({ sandbox, call } = await openSandbox({ seed: 8 }));
    const started = performance.now();
    const { total } = sandbox.control.generatePostings(1_000_000);
    const generateMs = performance.now() - started;
    expect(total).toBeGreaterThan(1_000_000);
    expect(generateMs).toBeLessThan(5_000);
    const now = sandbox.control.now();
    const page = async (cursor: string) =>
      call('/v4/posting/fbs/list', {
        filter: {
          since: new Date(now - 40 * 24 * HOUR).toISOString(),
          to: new Date(now).toISOString(),
        },
        limit: 100,
        cursor,
      });
    const first = await page('');
    const second = await page(first.body.cursor);
    expect(first.body.postings).toHaveLength(100);
    expect(second.body.postings[0].posting_number).not.toBe(first.body.postings[99].posting_number);
    const last = sandbox.control.findPostings({ limit: 2_000_000 }).at(-1)!;
    expect(sandbox.control.posting(last)?.items.length).toBeGreaterThan(0);
    const http = await control(sandbox, 'generate-postings', {
      count: 1000,
      status: 'awaiting_packaging',
    });
    expect(http.body.total).toBe(total + 1000);
  });

  it('resets to the same data for the same seed', async () => {
    ({ sandbox, call } = await openSandbox({ seed: 8 }));
    const list = () => call('/v4/posting/fbs/unfulfilled/list', { limit: 100 }).then((r) => r.text);
    const fresh = await list();
    sandbox.control.advanceClock(5 * HOUR);
    sandbox.control.generatePostings(50);
    expect(await list()).not.toBe(fresh);
    sandbox.control.reset();
    expect(await list()).toBe(fresh);
  });
});
