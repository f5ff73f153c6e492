import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dueActions,
  enqueue,
  recoverInFlight,
  updateAction,
} from '../../electron/core/outbox/outbox.repo';
import { createCoreFixture, type CoreFixture } from '../support/core-fixture';

let fx: CoreFixture;
let accountId: number;
beforeEach(async () => {
  fx = await createCoreFixture();
  const row = await fx.core.services.db
    .insertInto('accounts')
    .values({
      marketplace: 'ozon',
      name: 'Test',
      base_url: 'http://127.0.0.1:9',
      client_id: '1',
      api_key_sealed: fx.core.services.secrets.seal('key'),
      is_demo: 0,
      credentials_expire_at: null,
      last_pull_at: null,
      last_error: null,
      last_error_at: null,
      created_at: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  accountId = row.id;
});
afterEach(() => fx.dispose());

async function queue(key: string, subject: string) {
  await enqueue(
    fx.core.services.db,
    {
      accountId,
      idempotencyKey: key,
      action: 'ship',
      subject,
      payload: { postingNumber: subject },
      createdBy: null,
    },
    fx.clock.now,
  );
}
const due = async () =>
  (await dueActions(fx.core.services.db, accountId, fx.clock.now, 50)).map(
    (row) => row.idempotency_key,
  );

describe('outbox order', () => {
  it('sends the actions of one subject strictly one after another, other subjects in parallel', async () => {
    await queue('a1', 'posting:A');
    await queue('b1', 'posting:B');
    await queue('a2', 'posting:A');
    expect(await due()).toEqual(['a1', 'b1']);

    const [a1] = await dueActions(fx.core.services.db, accountId, fx.clock.now, 1);
    await updateAction(fx.core.services.db, a1?.id ?? 0, { state: 'in_flight' });
    expect(await due()).toEqual(['b1']);

    // A rejected action holds back its own subject until a person retries or discards it.
    await updateAction(fx.core.services.db, a1?.id ?? 0, { state: 'rejected' });
    expect(await due()).toEqual(['b1']);
    await updateAction(fx.core.services.db, a1?.id ?? 0, { state: 'discarded' });
    expect(await due()).toEqual(['b1', 'a2']);
  });

  it('waits for the next attempt time, and never queues the same key twice', async () => {
    await queue('a1', 'posting:A');
    await queue('a1', 'posting:A');
    const [row] = await dueActions(fx.core.services.db, accountId, fx.clock.now, 10);
    await updateAction(fx.core.services.db, row?.id ?? 0, {
      next_attempt_at: fx.clock.now + 5_000,
    });
    expect(await due()).toEqual([]);
    fx.clock.now += 5_000;
    expect(await due()).toEqual(['a1']);
  });

  it('turns actions caught in flight by a crash into uncertain ones, to be read back first', async () => {
    await queue('a1', 'posting:A');
    const [row] = await dueActions(fx.core.services.db, accountId, fx.clock.now, 1);
    await updateAction(fx.core.services.db, row?.id ?? 0, { state: 'in_flight' });
    expect(await recoverInFlight(fx.core.services.db)).toBe(1);
    const [after] = await dueActions(fx.core.services.db, accountId, fx.clock.now, 1);
    expect(after?.state).toBe('uncertain');
  });
});
