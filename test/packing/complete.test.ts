import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCapturePrinter, type CapturePrinter } from '../peers/capture-printer';
import { createCounterFixture, type CounterFixture, type PostingToPack } from './counter-fixture';

async function waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Completing a posting: the ship action in the outbox (once, with the packages), the label on
 * the label printer (or none, and completion all the same), and a shift packed offline that
 * reaches the marketplace when it comes back.
 */
describe('completing a posting', () => {
  let fx: CounterFixture;
  let postings: PostingToPack[];
  let printer: CapturePrinter | null = null;
  const take = (match: (p: PostingToPack) => boolean = () => true) => {
    const index = postings.findIndex((p) => match(p) && p.items.every((i) => i.barcode));
    if (index < 0) throw new Error('no such posting left');
    return postings.splice(index, 1)[0]!;
  };
  const shipActions = (postingNumber: string) =>
    fx.core.services.db
      .selectFrom('outbox')
      .selectAll()
      .where('subject', '=', `posting:${postingNumber}`)
      .where('action', '=', 'ship')
      .execute();

  beforeAll(async () => {
    fx = await createCounterFixture(41, 40);
    postings = await fx.toPack();
  }, 60_000);
  afterAll(async () => {
    await fx.dispose();
    await printer?.close();
  });

  it('queues exactly one ship action with the packages, however often complete comes', async () => {
    const posting = take((p) => p.units >= 2);
    await fx.packAll(posting);
    // Two completes at once (a double scan), then a third later.
    const [a, b] = await Promise.all([fx.command('complete'), fx.command('complete')]);
    expect([a.verdict, b.verdict].sort()).toEqual(['completed', 'no_posting_open']);
    expect((await fx.command('complete')).verdict).toBe('no_posting_open');

    const actions = await shipActions(posting.postingNumber);
    expect(actions).toHaveLength(1);
    const payload = JSON.parse(actions[0]!.payload) as {
      postingNumber: string;
      packages: { items: { sku: string; quantity: number }[] }[];
    };
    expect(payload.postingNumber).toBe(posting.postingNumber);
    expect(payload.packages).toEqual([
      { items: posting.items.map((i) => ({ sku: i.sku, quantity: i.quantity })) },
    ]);
    const row = await fx.core.services.db
      .selectFrom('pack_sessions')
      .selectAll()
      .where('posting_id', '=', posting.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'completed', origin: 'test', completed_by: 1 });
    expect(row.completed_at).toBe(fx.clock.now);

    // The push that completion started reaches the sandbox: shipped once.
    await waitFor(
      async () => fx.sandbox.control.effects().postings[posting.postingNumber]?.ship === 1,
      'the ship to reach the marketplace',
    );
    // Ozon ships asynchronously: the action is read back until the sandbox says it shipped.
    for (let round = 0; round < 20; round++) {
      fx.advance(10_000);
      await fx.sync();
      if ((await shipActions(posting.postingNumber))[0]?.state === 'done') break;
    }
    expect(await shipActions(posting.postingNumber)).toMatchObject([{ state: 'done' }]);
  });

  it('queues the label on the label printer, whose bytes arrive on the wire', async () => {
    printer = await startCapturePrinter();
    await fx.call(
      'printers.save',
      {
        name: 'Labels',
        transport: 'tcp',
        host: '127.0.0.1',
        port: printer.port,
        language: 'escpos',
        paper: '58mm',
        codePage: 'cp866',
        usage: { labels: true, receipts: false, pickLists: false },
      },
      fx.token,
    );
    const posting = take();
    await fx.packAll(posting);
    const done = await fx.command('complete');
    expect(done.verdict).toBe('completed');
    expect(done.labelJobId).toEqual(expect.any(Number));
    const job = await waitFor(async () => {
      const jobs = await fx.call('printing.jobs', { limit: 50 }, fx.token);
      const found = jobs.find((j) => j.id === done.labelJobId);
      if (found?.state === 'failed') throw new Error(`label failed: ${found.lastError}`);
      return found?.state === 'printed' ? found : undefined;
    }, 'the label to print');
    expect(job.kind).toBe('posting_label');
    expect(printer.documents().length).toBeGreaterThanOrEqual(1);
  });

  it('completes all the same when the label printer is unreachable', async () => {
    await printer!.setMode('refuse');
    const posting = take();
    await fx.packAll(posting);
    const done = await fx.command('complete');
    expect(done.verdict).toBe('completed');
    expect(await shipActions(posting.postingNumber)).toHaveLength(1);
    // The job waits in the queue; the posting stays packed whatever becomes of it.
    expect(done.state.waitingToSync).toBeGreaterThanOrEqual(1);
    expect((await fx.scan(posting.postingNumber)).verdict).toBe('already_packed');
  });

  it('packs offline while the marketplace is unreachable; the ships drain when it returns', async () => {
    fx.sandbox.control.setFaults([{ path: '*', kind: 'reset_before_effect' }]);
    const shift = [take(), take(), take()];
    for (const posting of shift) {
      await fx.packAll(posting);
      expect((await fx.command('complete')).verdict).toBe('completed');
    }
    await fx.sync();
    const [offline] = await fx.call('accounts.list', {}, fx.token);
    expect(offline?.sync.connection).toBe('offline');
    for (const posting of shift) {
      expect(fx.sandbox.control.effects().postings[posting.postingNumber]?.ship).toBeUndefined();
      expect(await shipActions(posting.postingNumber)).toMatchObject([{ state: 'pending' }]);
    }
    const waiting = (await fx.call('packing.current', {}, fx.token)).waitingToSync;
    expect(waiting).toBeGreaterThanOrEqual(shift.length);

    fx.sandbox.control.clearFaults();
    for (let round = 0; round < 50; round++) {
      fx.advance(31_000);
      await fx.sync();
      const open = await Promise.all(shift.map((p) => shipActions(p.postingNumber)));
      if (open.every((actions) => actions.every((a) => a.state === 'done'))) break;
    }
    for (const posting of shift) {
      expect(fx.sandbox.control.effects().postings[posting.postingNumber]?.ship).toBe(1);
      expect(await shipActions(posting.postingNumber)).toMatchObject([{ state: 'done' }]);
    }
  });
  it('a discarded ship makes the posting packable again, ticks kept; completing queues a new ship', async () => {
    const posting = take();
    // Marketplace unreachable, so the ship stays in the outbox where a person can give it up.
    fx.sandbox.control.setFaults([{ path: '*', kind: 'reset_before_effect' }]);
    try {
      await fx.packAll(posting);
      expect((await fx.command('complete')).verdict).toBe('completed');
      await fx.core.sync.pushNow(fx.accountId);
      const [first] = await shipActions(posting.postingNumber);
      // As a 4xx answer leaves it: rejected, waiting for a person.
      await fx.core.services.db
        .updateTable('outbox')
        .set({ state: 'rejected', last_error: 'refused', last_error_kind: 'rejected' })
        .where('id', '=', first!.id)
        .execute();
      await fx.call('outbox.discard', { actionId: first!.id }, fx.token);

      // Not packed any more: dispatch refuses it, the counter opens it with every unit ticked.
      const batch = await fx.call(
        'dispatch.open',
        { carrier: posting.deliveryMethod ?? 'none' },
        fx.token,
      );
      const refused = await fx.call(
        'dispatch.scan',
        { batchId: batch.id, code: posting.postingNumber, source: 'keyboard' },
        fx.token,
      );
      expect(refused.verdict).toBe('not_packed');
      const reopened = await fx.scan(posting.postingNumber);
      expect(reopened.verdict).toBe('posting_opened');
      expect(reopened.state.session?.lines.every((line) => line.packed === line.quantity)).toBe(
        true,
      );
      expect((await fx.command('complete')).verdict).toBe('completed');
      await fx.core.sync.pushNow(fx.accountId);
      const actions = await shipActions(posting.postingNumber);
      // The old one stays discarded; the new one waits for the marketplace (pending, or
      // uncertain after a connection reset, to be read back when it returns).
      expect(actions).toHaveLength(2);
      expect(actions[0]!.state).toBe('discarded');
      expect(['pending', 'uncertain']).toContain(actions[1]!.state);
    } finally {
      fx.sandbox.control.clearFaults();
    }
  });
});
