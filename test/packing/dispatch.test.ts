import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounterFixture, type CounterFixture, type PostingToPack } from './counter-fixture';

/** Handover batches: packed packages scanned in per carrier, the rest refused with a reason. */
describe('dispatch', () => {
  let fx: CounterFixture;
  let postings: PostingToPack[];

  beforeAll(async () => {
    fx = await createCounterFixture(61, 60);
    postings = (await fx.toPack()).filter((p) => p.items.every((i) => i.barcode));
  }, 60_000);
  afterAll(() => fx.dispose());

  async function pack(posting: PostingToPack, packages = 1) {
    await fx.scan(posting.postingNumber);
    const units = posting.items.flatMap((i) => Array<string>(i.quantity).fill(i.barcode!));
    for (const [n, unit] of units.entries()) {
      if (n > 0 && n < packages) await fx.command('new_package');
      await fx.scan(unit);
    }
    expect((await fx.command('complete')).verdict).toBe('completed');
  }

  it('adds packed packages, refuses the rest with the reason, and closes the batch', async () => {
    // Keep the ship actions local: dispatch works on what was packed here, online or not.
    fx.sandbox.control.setFaults([{ path: '*', kind: 'reset_before_effect' }]);
    const carriers = [...new Set(postings.map((p) => p.deliveryMethod))];
    const carrier = carriers[0]!;
    const other = carriers.find((c) => c !== carrier)!;
    const mine = postings.filter((p) => p.deliveryMethod === carrier);
    const single = mine.find((p) => p.units === 1)!;
    const double = mine.find((p) => p.units >= 2)!;
    const byLabel = mine.find((p) => p !== single && p !== double)!;
    const unpacked = mine.find((p) => ![single, double, byLabel].includes(p))!;
    const elsewhere = postings.find((p) => p.deliveryMethod === other)!;
    const cancelled = mine.filter((p) => ![single, double, byLabel, unpacked].includes(p))[0]!;
    await pack(single);
    await pack(double, 2);
    await pack(byLabel);
    await pack(elsewhere);
    await pack(cancelled);
    fx.sandbox.control.clearFaults();
    fx.sandbox.control.buyerCancel(cancelled.postingNumber);
    fx.advance(60_000);
    await fx.sync();

    const listed = await fx.call('dispatch.carriers', {}, fx.token);
    expect(listed.find((c) => c.carrier === carrier)?.packed).toBeGreaterThanOrEqual(3);
    expect(listed.find((c) => c.carrier === other)?.packed).toBeGreaterThanOrEqual(1);

    const batch = await fx.call('dispatch.open', { carrier }, fx.token);
    expect(batch).toMatchObject({ carrier, state: 'open', closedAt: null, packages: [] });
    expect((await fx.call('dispatch.open', { carrier }, fx.token)).id).toBe(batch.id);

    const scan = (code: string, batchId = batch.id) =>
      fx.call('dispatch.scan', { batchId, code, source: 'keyboard' }, fx.token);

    expect(await scan(`PD1:${single.postingNumber}:1`)).toMatchObject({
      verdict: 'added',
      tone: 'ok',
      postingNumber: single.postingNumber,
      detail: null,
    });
    expect(await scan(single.postingNumber)).toMatchObject({
      verdict: 'already_in_batch',
      tone: 'warning',
    });
    // Two packages: each is recorded on its own.
    expect(await scan(double.postingNumber)).toMatchObject({ verdict: 'added', detail: '1/2' });
    expect(await scan(`PD1:${double.postingNumber}:2`)).toMatchObject({
      verdict: 'added',
      detail: '2/2',
    });
    expect((await scan(`PD1:${double.postingNumber}:3`)).verdict).toBe('unknown_code');
    expect((await scan(double.postingNumber)).verdict).toBe('already_in_batch');

    const raw = await fx.core.services.db
      .selectFrom('postings')
      .select('raw')
      .where('id', '=', byLabel.id)
      .executeTakeFirstOrThrow();
    const label = (JSON.parse(raw.raw) as { barcodes: { lower_barcode: string } }).barcodes
      .lower_barcode;
    expect(await scan(label)).toMatchObject({
      verdict: 'added',
      postingNumber: byLabel.postingNumber,
    });

    expect(await scan(unpacked.postingNumber)).toMatchObject({
      verdict: 'not_packed',
      tone: 'error',
      detail: 'to_pack',
    });
    expect(await scan(elsewhere.postingNumber)).toMatchObject({
      verdict: 'other_carrier',
      detail: other,
    });
    expect(await scan(cancelled.postingNumber)).toMatchObject({ verdict: 'cancelled' });
    expect(await scan('not a barcode at all')).toMatchObject({
      verdict: 'unknown_code',
      postingNumber: null,
      detail: 'no_match',
    });
    expect(await scan('99999999-0001-1')).toMatchObject({
      verdict: 'unknown_code',
      detail: 'posting_not_found',
    });

    const closed = await fx.call('dispatch.close', { batchId: batch.id }, fx.token);
    expect(closed).toMatchObject({ state: 'closed', closedAt: fx.clock.now });
    expect(closed.packages.map((p) => [p.postingNumber, p.packageIndex])).toEqual([
      [single.postingNumber, 1],
      [double.postingNumber, 1],
      [double.postingNumber, 2],
      [byLabel.postingNumber, 1],
    ]);
    // A scan into a batch closed meanwhile (by another station) is refused as an answer, and
    // adds nothing to it.
    const late = await scan(`PD1:${byLabel.postingNumber}:1`);
    expect(late).toMatchObject({
      verdict: 'batch_closed',
      tone: 'error',
      postingNumber: null,
      detail: null,
      batch: { id: batch.id, state: 'closed' },
    });
    expect(late.batch.packages).toEqual(closed.packages);
    const missing = await fx.fail(
      'dispatch.scan',
      { batchId: 999_999, code: single.postingNumber, source: 'keyboard' },
      fx.token,
    );
    expect(missing.code).toBe('not_found');

    // A new batch for the same carrier: what went with the first is refused.
    const next = await fx.call('dispatch.open', { carrier }, fx.token);
    expect(next.id).not.toBe(batch.id);
    expect(await scan(single.postingNumber, next.id)).toMatchObject({
      verdict: 'in_other_batch',
      detail: String(batch.id),
    });

    const batches = await fx.call('dispatch.list', {}, fx.token);
    expect(batches.map((b) => [b.id, b.state])).toEqual([
      [next.id, 'open'],
      [batch.id, 'closed'],
    ]);
    const after = await fx.call('dispatch.carriers', {}, fx.token);
    expect(after.find((c) => c.carrier === carrier)?.packed ?? 0).toBe(
      (listed.find((c) => c.carrier === carrier)?.packed ?? 0) - 3,
    );
  });
});
