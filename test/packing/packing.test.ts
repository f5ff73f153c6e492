import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreFixture } from '../support/core-fixture';
import { createCounterFixture, type CounterFixture, type PostingToPack } from './counter-fixture';

/**
 * The packing counter against a real SQLite file and the sandbox marketplace over loopback:
 * every verdict, the multi-package split, undo, skip, operator switch and a core restart.
 */
describe('packing counter', () => {
  let fx: CounterFixture;
  let postings: PostingToPack[];
  /** Takes a posting no other test has touched. */
  const take = (match: (p: PostingToPack) => boolean = () => true): PostingToPack => {
    const index = postings.findIndex(match);
    if (index < 0) throw new Error('no such posting left in the sandbox');
    return postings.splice(index, 1)[0]!;
  };
  const outsider = (posting: PostingToPack) =>
    postings
      .flatMap((p) => p.items)
      .find((item) => !posting.items.some((i) => i.sku === item.sku))!;

  beforeAll(async () => {
    fx = await createCounterFixture(31, 60);
    postings = await fx.toPack();
    expect(postings.length).toBeGreaterThan(30);
  }, 60_000);
  afterAll(() => fx.dispose());

  it('opens a posting, ticks its units, refuses a wrong item and one too many, completes', async () => {
    const posting = take((p) => p.items.length >= 2 && p.items.every((i) => i.barcode));
    const first = posting.items[0]!;

    const early = await fx.scan(first.barcode!);
    expect(early).toMatchObject({ verdict: 'no_posting_open', tone: 'warning', sku: first.sku });

    const opened = await fx.scan(posting.postingNumber);
    expect(opened).toMatchObject({ verdict: 'posting_opened', tone: 'ok', kind: 'posting' });
    expect(opened.state.session?.postingNumber).toBe(posting.postingNumber);
    expect(opened.state.session?.lines.map((l) => [l.sku, l.quantity, l.packed])).toEqual(
      posting.items.map((i) => [i.sku, i.quantity, 0]),
    );
    expect(opened.state.session?.lines[0]?.barcodes).toContain(first.barcode);

    const stranger = outsider(posting);
    const wrong = await fx.scan(stranger.barcode ?? stranger.sku);
    expect(wrong).toMatchObject({ verdict: 'wrong_item', tone: 'error', sku: stranger.sku });
    expect(wrong.productName).toBeTruthy();
    expect(wrong.state.session?.wrongScans).toBe(1);

    for (const item of posting.items) {
      for (let unit = 1; unit <= item.quantity; unit++) {
        const tick = await fx.scan(item.barcode!);
        expect(tick).toMatchObject({ verdict: 'item_ok', sku: item.sku });
        expect(tick.state.session?.lines.find((l) => l.sku === item.sku)?.packed).toBe(unit);
      }
    }
    const extra = await fx.scan(first.barcode!);
    expect(extra).toMatchObject({ verdict: 'too_many', tone: 'error', sku: first.sku });
    expect(extra.state.session?.wrongScans).toBe(2);

    const done = await fx.command('complete');
    expect(done).toMatchObject({ verdict: 'completed', tone: 'done', labelJobId: null });
    expect(done.postingNumber).toBe(posting.postingNumber);
    expect(done.state.session).toBeNull();
    expect(done.state.waitingToSync).toBeGreaterThanOrEqual(1);

    const again = await fx.scan(posting.postingNumber);
    expect(again).toMatchObject({ verdict: 'already_packed', tone: 'error' });
    expect(again.state.session).toBeNull();
  });

  it('refuses to complete while units are missing, and says how many', async () => {
    const posting = take((p) => p.units >= 2 && p.items.every((i) => i.barcode));
    await fx.scan(posting.postingNumber);
    await fx.scan(posting.items[0]!.barcode!);
    const result = await fx.command('complete');
    expect(result).toMatchObject({ verdict: 'incomplete', tone: 'warning' });
    expect(result.reason).toBe(`missing_units:${posting.units - 1}`);
    expect(result.state.session?.postingNumber).toBe(posting.postingNumber);
    await fx.command('skip');
  });

  it('answers unknown_code with the reason for garbage, a bad check digit and no match', async () => {
    const cases: [string, string][] = [
      ['hello there', 'no_match'],
      ['4006381333932', 'invalid_check_digit'],
      ['abc\u0007def', 'control_characters'],
      ['PDCMD:SELF_DESTRUCT', 'unknown_command'],
      ['PD1:not-a-posting:1', 'bad_package_label'],
      ['   ', 'empty'],
      ['x'.repeat(2000), 'too_long'],
    ];
    for (const [code, reason] of cases) {
      expect(await fx.scan(code)).toMatchObject({ verdict: 'unknown_code', tone: 'error', reason });
    }
    // While a posting is open they are wrong scans of that posting.
    const posting = take();
    await fx.scan(posting.postingNumber);
    const result = await fx.scan('hello there');
    expect(result).toMatchObject({ verdict: 'unknown_code', reason: 'no_match' });
    expect(result.state.session?.wrongScans).toBe(1);
    await fx.command('skip');
  });

  it('answers posting_not_found for a number that is not in the database', async () => {
    const result = await fx.scan('99999999-0001-1');
    expect(result).toMatchObject({
      verdict: 'posting_not_found',
      postingNumber: '99999999-0001-1',
    });
    expect((await fx.scan('PD1:99999999-0001-1:1')).verdict).toBe('posting_not_found');
    expect((await fx.scan('719999999999999')).verdict).toBe('posting_not_found');
  });

  it('opens a posting by order number, by our package label and by the marketplace label', async () => {
    const byOrder = take();
    expect(await fx.scan(byOrder.orderNumber)).toMatchObject({
      verdict: 'posting_opened',
      postingNumber: byOrder.postingNumber,
    });
    const byLabel = take();
    expect(await fx.scan(`PD1:${byLabel.postingNumber}:1`)).toMatchObject({
      verdict: 'posting_opened',
      kind: 'package_label',
      postingNumber: byLabel.postingNumber,
    });
    const byMarketplace = take();
    const row = await fx.core.services.db
      .selectFrom('postings')
      .select('raw')
      .where('id', '=', byMarketplace.id)
      .executeTakeFirstOrThrow();
    const barcode = (JSON.parse(row.raw) as { barcodes: { upper_barcode: string } }).barcodes
      .upper_barcode;
    expect(barcode).toMatch(/^\d{15}$/);
    const result = await fx.scan(barcode);
    expect(result).toMatchObject({
      verdict: 'posting_opened',
      kind: 'marketplace_label',
      postingNumber: byMarketplace.postingNumber,
    });
    // Each new posting set the previous one aside: only the last is open.
    expect(result.state.session?.postingNumber).toBe(byMarketplace.postingNumber);
    await fx.command('skip');
  });

  it('stops the packer at a posting cancelled before it was opened, and one cancelled while open', async () => {
    const before = take();
    fx.sandbox.control.buyerCancel(before.postingNumber);
    await fx.sync();
    expect(await fx.scan(before.postingNumber)).toMatchObject({
      verdict: 'posting_cancelled',
      tone: 'error',
      postingNumber: before.postingNumber,
    });

    const during = take((p) => p.units >= 2 && p.items.every((i) => i.barcode));
    await fx.scan(during.postingNumber);
    await fx.scan(during.items[0]!.barcode!);
    fx.sandbox.control.buyerCancel(during.postingNumber);
    await fx.sync();
    // The sync engine changed it under the packer: the very next scan says so.
    const next = await fx.scan(during.items.at(-1)!.barcode!);
    expect(next).toMatchObject({
      verdict: 'posting_cancelled',
      postingNumber: during.postingNumber,
    });
    expect(next.state.session).toBeNull();
  });

  it('holds a posting the seller is cancelling, or one with an open alert', async () => {
    const cancelling = take();
    await fx.call(
      'postings.cancel',
      { postingNumber: cancelling.postingNumber, reasonId: '352' },
      fx.token,
    );
    expect(await fx.scan(cancelling.postingNumber)).toMatchObject({
      verdict: 'posting_on_hold',
      tone: 'error',
    });

    const alerted = take();
    await fx.core.services.db
      .insertInto('alerts')
      .values({
        account_id: fx.accountId,
        posting_number: alerted.postingNumber,
        kind: 'items_changed',
        message: 'items changed',
        created_at: fx.clock.now,
        resolved_at: null,
        resolved_by: null,
      })
      .execute();
    expect((await fx.scan(alerted.postingNumber)).verdict).toBe('posting_on_hold');
  });

  it('splits a posting into packages, never an empty one, and undoes step by step', async () => {
    const posting = take((p) => p.units >= 2 && p.items.every((i) => i.barcode));
    const units = posting.items.flatMap((i) => Array<string>(i.quantity).fill(i.barcode!));
    await fx.scan(posting.postingNumber);

    expect((await fx.command('new_package')).reason).toBe('current_package_empty');
    await fx.scan(units[0]!);
    const added = await fx.command('new_package');
    expect(added).toMatchObject({ verdict: 'package_added', reason: null });
    expect(added.state.session?.currentPackage).toBe(2);
    const kept = await fx.command('new_package');
    expect(kept).toMatchObject({ verdict: 'package_added', reason: 'current_package_empty' });
    expect(kept.state.session?.currentPackage).toBe(2);
    const second = await fx.scan(units[1]!);
    expect(second.state.session?.packages.map((p) => p.index)).toEqual([1, 2]);

    // Undo walks back: the tick in package 2, the new package, the tick in package 1.
    const u1 = await fx.command('undo');
    expect(u1).toMatchObject({ verdict: 'undone', tone: 'warning' });
    expect(u1.state.session?.packages.map((p) => p.index)).toEqual([1]);
    expect(u1.state.session?.currentPackage).toBe(2);
    const u2 = await fx.command('undo');
    expect(u2.state.session?.currentPackage).toBe(1);
    const u3 = await fx.command('undo');
    expect(u3.state.session?.packages).toEqual([]);
    expect((await fx.command('undo')).verdict).toBe('nothing_to_undo');

    // Packed again in two packages: the ship action carries exactly those.
    await fx.scan(units[0]!);
    await fx.command('new_package');
    for (const unit of units.slice(1)) await fx.scan(unit);
    const done = await fx.command('complete');
    expect(done.verdict).toBe('completed');
    const actions = await fx.core.services.db
      .selectFrom('outbox')
      .select(['action', 'payload'])
      .where('subject', '=', `posting:${posting.postingNumber}`)
      .execute();
    expect(actions).toHaveLength(1);
    const payload = JSON.parse(actions[0]!.payload) as {
      packages: { items: { sku: string; quantity: number }[] }[];
    };
    expect(payload.packages).toHaveLength(2);
    const skuOf = (barcode: string) => posting.items.find((i) => i.barcode === barcode)!.sku;
    expect(payload.packages[0]!.items).toEqual([{ sku: skuOf(units[0]!), quantity: 1 }]);
    const rest = payload.packages[1]!.items.reduce((sum, item) => sum + item.quantity, 0);
    expect(rest).toBe(posting.units - 1);
  });

  it('puts a posting aside on skip or when another is scanned, keeping its ticks', async () => {
    const a = take((p) => p.units >= 2 && p.items.every((i) => i.barcode));
    const b = take();
    await fx.scan(a.postingNumber);
    await fx.scan(a.items[0]!.barcode!);
    expect((await fx.scan(b.postingNumber)).state.session?.postingNumber).toBe(b.postingNumber);
    const back = await fx.scan(a.postingNumber);
    expect(back.verdict).toBe('posting_opened');
    expect(back.state.session?.lines[0]?.packed).toBe(1);
    const skipped = await fx.command('skip');
    expect(skipped).toMatchObject({ verdict: 'skipped', postingNumber: a.postingNumber });
    expect(skipped.state.session).toBeNull();
    expect((await fx.scan(a.postingNumber)).state.session?.lines[0]?.packed).toBe(1);
    await fx.command('skip');
  });

  it('takes the buttons down the same path as the command barcodes', async () => {
    const byButton = await fx.call('packing.command', { command: 'undo' }, fx.token);
    const byBarcode = await fx.scan('pdcmd:undo');
    expect(byButton.verdict).toBe('nothing_to_undo');
    expect(byBarcode.verdict).toBe('nothing_to_undo');
    expect((await fx.call('packing.command', { command: 'complete' }, fx.token)).verdict).toBe(
      'no_posting_open',
    );
    const logged = await fx.core.services.db
      .selectFrom('pack_scans')
      .select(['source', 'code', 'verdict'])
      .orderBy('id', 'desc')
      .limit(3)
      .execute();
    expect(logged.map((row) => [row.source, row.code, row.verdict])).toEqual([
      ['screen', 'PDCMD:COMPLETE', 'no_posting_open'],
      ['keyboard', 'pdcmd:undo', 'nothing_to_undo'],
      ['screen', 'PDCMD:UNDO', 'nothing_to_undo'],
    ]);
  });

  it('keeps the open posting across an operator switch; the switch command only asks', async () => {
    const posting = take((p) => p.units >= 2 && p.items.every((i) => i.barcode));
    const anna = await fx.addPacker('anna', 'Anna Packer', '1234');
    await fx.addPacker('boris', 'Boris Packer', '5678');
    await fx.scan(posting.postingNumber, anna);
    await fx.scan(posting.items[0]!.barcode!, anna);
    const ask = await fx.scan('PDCMD:SWITCH_OPERATOR', anna);
    expect(ask).toMatchObject({ verdict: 'switch_operator', tone: 'ok' });
    expect(ask.state.session?.postingNumber).toBe(posting.postingNumber);

    const boris = (await fx.call('auth.switchOperator', { username: 'boris', pin: '5678' }, anna))
      .token;
    const current = await fx.call('packing.current', {}, boris);
    expect(current.session?.postingNumber).toBe(posting.postingNumber);
    expect(current.session?.lines[0]?.packed).toBe(1);
    expect((await fx.fail('packing.current', {}, anna)).code).toBe('unauthenticated');
  });
});

describe('packing counter after a crash', () => {
  it('has the open posting and its ticks again when the core restarts mid-packing', async () => {
    const fx = await createCounterFixture(32, 10);
    const posting = (await fx.toPack()).find(
      (p) => p.units >= 2 && p.items.every((i) => i.barcode),
    );
    if (!posting) throw new Error('no posting with two units');
    await fx.scan(posting.postingNumber);
    await fx.scan(posting.items[0]!.barcode!);
    // Every scan is committed (synchronous = FULL) before its verdict is answered; closing
    // the core here loses nothing a power cut would not also keep.
    await fx.core.close();
    const again = await createCoreFixture(fx.dataDir);
    try {
      const state = await again.call('packing.current', {}, fx.token);
      expect(state.session?.postingNumber).toBe(posting.postingNumber);
      expect(state.session?.lines[0]?.packed).toBe(1);
      const next = await again.call(
        'packing.scan',
        { code: posting.items[0]!.barcode!, source: 'keyboard' },
        fx.token,
      );
      expect(next.verdict).toBe(posting.items[0]!.quantity > 1 ? 'item_ok' : 'too_many');
    } finally {
      await again.dispose();
      await fx.sandbox.close();
    }
  });
});
