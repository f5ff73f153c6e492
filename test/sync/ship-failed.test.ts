import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/locales/en';
import { fa } from '../../renderer/src/i18n/locales/fa';
import { ru } from '../../renderer/src/i18n/locales/ru';
import { zh } from '../../renderer/src/i18n/locales/zh';
import { createSyncFixture, type SyncFixture } from '../support/sync-fixture';

let fx: SyncFixture;
beforeEach(async () => {
  fx = await createSyncFixture();
});
afterEach(() => fx.dispose());

const SHIP = '/v4/posting/fbs/ship';

/** What the Orders list, the posting drawer and the Sync page read about one posting. */
async function seen(postingNumber: string) {
  const [list, detail, outbox] = await Promise.all([
    fx.call('postings.search', { query: postingNumber }, fx.token),
    fx.call('postings.get', { postingNumber }, fx.token),
    fx.call('outbox.list', {}, fx.token),
  ]);
  return {
    listed: list.items.find((p) => p.postingNumber === postingNumber),
    detail,
    action: outbox.find((a) => a.subject === `posting:${postingNumber}`),
  };
}

describe('a ship Ozon accepted and then failed (ship_failed)', () => {
  it('is sent again, and until it goes through every view says Ozon did not accept it, not an older 429', async () => {
    await fx.sync();
    const page = await fx.call('postings.search', { status: 'to_pack', limit: 500 }, fx.token);
    const posting = page.items[0];
    if (!posting) throw new Error('no posting to pack');
    const number = posting.postingNumber;
    // The first send meets a 429; the second is accepted (HTTP 200) and then fails on Ozon's side.
    fx.sandbox.control.setFaults([
      { path: SHIP, kind: 'rate_limit', count: 1 },
      { path: SHIP, kind: 'ship_failed', count: 1 },
    ]);
    await fx.call('postings.ship', { postingNumber: number }, fx.token);
    await fx.sync();
    expect((await seen(number)).action?.lastErrorKind).toBe('rate_limited');

    // Past the 429's backoff: sent again and accepted, then read back after Ozon applied it.
    fx.advance(3_000);
    await fx.sync();
    expect(fx.sandbox.control.effects().postings[number]).toMatchObject({ ship: 1 });
    fx.advance(6_000);
    await fx.sync();

    // The read-back found substatus ship_failed: the ship went out again at once and is being
    // confirmed, and the last error is Ozon's refusal, not the 429 from before.
    expect(fx.sandbox.control.effects().postings[number]).toMatchObject({
      ship: 2,
      shipFailed: 1,
    });
    const retrying = await seen(number);
    for (const action of [retrying.action, retrying.detail.actions[0]]) {
      expect(action).toMatchObject({ action: 'ship', state: 'verifying' });
      expect(action?.lastErrorKind).toBe('ship_failed');
      // Only what we know, in plain words: no guessed cause, no raw substatus code.
      expect(action?.lastError).toBe(
        'Ozon did not accept the shipment; Packdesk is sending it again',
      );
      expect(action?.lastError).not.toMatch(/ship_failed|substatus/);
      expect(action?.lastError).not.toMatch(/429|rate limit/i);
    }
    expect(retrying.listed).toMatchObject({ localState: 'shipping', shipFailed: true });
    expect(retrying.detail).toMatchObject({ localState: 'shipping', shipFailed: true });
    const [account] = await fx.call('accounts.list', {}, fx.token);
    expect(account?.sync.connection).toBe('online');

    // Once it goes through, nothing says so any more.
    fx.advance(6_000);
    await fx.sync();
    const shipped = await seen(number);
    expect(shipped.detail).toMatchObject({
      status: 'packed',
      localState: 'none',
      shipFailed: false,
    });
    expect(shipped.listed?.shipFailed).toBe(false);
    expect(shipped.detail.actions[0]).toMatchObject({ state: 'done', lastError: null });
    expect(shipped.action).toBeUndefined();
  });

  it('has the words for it in all four languages: what Ozon did and that it is sent again', () => {
    const locales = [en, ru, zh, fa];
    const sentences = locales.map((messages) => messages.sync.errorKind.ship_failed);
    expect(sentences[0]).toBe('Ozon did not accept the shipment; Packdesk is sending it again');
    // The Orders list column says it short.
    const short = locales.map((messages) => messages.orders.shipFailed);
    expect(short[0]).toBe('Ozon refused — resending');
    for (const text of [...sentences, ...short]) {
      expect(text).toMatch(/Ozon/);
      expect(text).not.toMatch(/ship_failed|substatus|packing failed/);
    }
    for (const text of sentences) expect(text).toMatch(/Packdesk/);
    // Translated, not copied from English.
    expect(new Set(sentences).size).toBe(4);
    expect(new Set(short).size).toBe(4);
  });
});
