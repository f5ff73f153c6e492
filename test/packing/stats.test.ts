import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounterFixture, type CounterFixture, type PostingToPack } from './counter-fixture';

const MINUTE = 60_000;

/** Counter statistics from a scripted morning of two packers at two stations. */
describe('counter statistics', () => {
  let fx: CounterFixture;
  let postings: PostingToPack[];

  beforeAll(async () => {
    fx = await createCounterFixture(71, 40);
    postings = (await fx.toPack()).filter((p) => p.items.every((i) => i.barcode));
  }, 60_000);
  afterAll(() => fx.dispose());

  it('counts orders, units, wrong scans, rates and time per order per packer', async () => {
    const anna = await fx.addPacker('anna', 'Anna Packer', '1111');
    const boris = await fx.addPacker('boris', 'Boris Packer', '2222');
    const [a1, a2, b1] = [postings[0]!, postings[1]!, postings[2]!];
    const from = fx.clock.now;
    const units = (p: PostingToPack) =>
      p.items.flatMap((i) => Array<string>(i.quantity).fill(i.barcode!));

    // 09:00 both open a posting.
    await fx.scan(a1.postingNumber, anna);
    await fx.scan(b1.postingNumber, boris);
    // 09:01 Anna scans something wrong, then packs a1 and completes at 09:04.
    fx.advance(MINUTE);
    await fx.scan('not a product', anna);
    for (const unit of units(a1)) await fx.scan(unit, anna);
    fx.advance(3 * MINUTE);
    expect((await fx.command('complete', anna)).verdict).toBe('completed');
    // 09:06 Anna opens a2; sets it aside at 09:07 and picks it up at 09:17 (those ten minutes
    // do not count as packing time), completes at 09:19.
    fx.advance(2 * MINUTE);
    await fx.scan(a2.postingNumber, anna);
    fx.advance(MINUTE);
    await fx.command('skip', anna);
    fx.advance(10 * MINUTE);
    await fx.scan(a2.postingNumber, anna);
    for (const unit of units(a2)) await fx.scan(unit, anna);
    fx.advance(2 * MINUTE);
    expect((await fx.command('complete', anna)).verdict).toBe('completed');
    // Boris: one too many and one unknown, completes b1 at 09:30.
    for (const unit of units(b1)) await fx.scan(unit, boris);
    await fx.scan(units(b1)[0]!, boris);
    await fx.scan('4006381333932', boris);
    fx.advance(11 * MINUTE);
    expect((await fx.command('complete', boris)).verdict).toBe('completed');
    // Scans with no posting open are not wrong scans of anyone's packing.
    await fx.scan('garbage again', boris);
    const to = fx.clock.now + 1;

    const stats = await fx.call('stats.counter', { from, to }, fx.token);
    expect(stats).toMatchObject({ from, to });
    const byName = new Map(stats.packers.map((p) => [p.displayName, p]));
    const annaUnits = a1.units + a2.units;
    // Anna: first start 09:00, last completion 09:19 → 19 minutes of packing window.
    expect(byName.get('Anna Packer')).toEqual({
      userId: expect.any(Number),
      displayName: 'Anna Packer',
      orders: 2,
      units: annaUnits,
      wrongScans: 1,
      ordersPerHour: Math.round((2 / (19 / 60)) * 100) / 100,
      unitsPerHour: Math.round((annaUnits / (19 / 60)) * 100) / 100,
      // a1 open 4 min, a2 open 1 + 2 min: 7 min over two orders.
      averageSecondsPerOrder: 210,
    });
    expect(byName.get('Boris Packer')).toMatchObject({
      orders: 1,
      units: b1.units,
      wrongScans: 2,
      ordersPerHour: 2,
      unitsPerHour: b1.units * 2,
      averageSecondsPerOrder: 30 * 60,
    });
    // Out of the window: nothing.
    const earlier = await fx.call('stats.counter', { from: from - 3_600_000, to: from }, fx.token);
    expect(earlier.packers).toEqual([]);
    // Managers' figures: a packer may not read them.
    expect((await fx.fail('stats.counter', { from, to }, anna)).code).toBe('forbidden');
  });
});
