import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, createCoreFixture, setUpShop, type CoreFixture } from '../support/core-fixture';

let fx: CoreFixture;
beforeEach(async () => {
  fx = await createCoreFixture();
});
afterEach(() => fx.dispose());

describe('first run', () => {
  it('is not set up until the shop is created, then refuses to run again', async () => {
    expect(await fx.call('setup.status', {})).toEqual({ isSetUp: false, shopName: null });
    const session = await fx.call('setup.createShop', ADMIN);
    expect(session.user).toMatchObject({ username: 'admin', role: 'administrator' });
    expect(await fx.call('setup.status', {})).toEqual({ isSetUp: true, shopName: 'Demo shop' });
    const again = await fx.fail('setup.createShop', { ...ADMIN, username: 'intruder' });
    expect(again.code).toBe('already_set_up');
  });

  it('stores no password or token in plain text', async () => {
    const session = await fx.call('setup.createShop', ADMIN);
    const raw = new BetterSqlite3(fx.core.databasePath, { readonly: true });
    const dump = JSON.stringify([
      raw.prepare('SELECT * FROM users').all(),
      raw.prepare('SELECT * FROM sessions').all(),
      raw.prepare('SELECT * FROM audit_log').all(),
    ]);
    raw.close();
    expect(dump).not.toContain(ADMIN.password);
    expect(dump).not.toContain(session.token);
    expect(dump).toContain('scrypt$131072$8$1$');
    expect(dump).toContain('[redacted]');
  });
});

describe('sessions', () => {
  it('issues tokens of 256 bits that a logout really ends', async () => {
    await setUpShop(fx);
    const session = await fx.call('auth.login', { username: 'ADMIN', password: ADMIN.password });
    expect(Buffer.from(session.token, 'base64url').length).toBe(32);
    expect((await fx.call('auth.me', {}, session.token)).user.username).toBe('admin');
    await fx.call('auth.logout', {}, session.token);
    expect((await fx.fail('auth.me', {}, session.token)).code).toBe('unauthenticated');
  });

  it('expires a session left idle for 12 hours', async () => {
    const token = await setUpShop(fx);
    fx.clock.now += 12 * 60 * 60 * 1000 + 1;
    expect((await fx.fail('auth.me', {}, token)).code).toBe('unauthenticated');
  });

  it('answers a wrong password and an unknown user alike, then locks out after 5 failures', async () => {
    await setUpShop(fx);
    const wrong = await fx.fail('auth.login', { username: 'admin', password: 'nope-nope' });
    const unknown = await fx.fail('auth.login', { username: 'ghost', password: 'nope-nope' });
    expect(wrong).toEqual(unknown);
    expect(wrong.code).toBe('invalid_credentials');
    for (let i = 0; i < 4; i++)
      await fx.fail('auth.login', { username: 'admin', password: 'nope-nope' });
    const locked = await fx.fail('auth.login', { username: 'admin', password: ADMIN.password });
    expect(locked.code).toBe('rate_limited');
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    fx.clock.now += 15 * 60 * 1000 + 1;
    await fx.call('auth.login', { username: 'admin', password: ADMIN.password });
  });

  it('counts an unknown user name against the address only', async () => {
    const admin = await setUpShop(fx);
    for (let i = 0; i < 5; i++) {
      expect((await fx.fail('auth.login', { username: 'ghost', password: 'nope-nope' })).code).toBe(
        'invalid_credentials',
      );
    }
    // No lock on 'ghost': the address has had its 5 free failures, so the 6th is still heard.
    expect((await fx.fail('auth.login', { username: 'ghost', password: 'nope-nope' })).code).toBe(
      'invalid_credentials',
    );
    // The 7th waits 2 s because of the address, not 15 minutes because of the name.
    const held = await fx.fail('auth.login', { username: 'ghost', password: 'nope-nope' });
    expect(held).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 2 });
    fx.clock.now += 2000;
    await fx.call('auth.logout', {}, admin);
    await fx.call('auth.login', { username: 'admin', password: ADMIN.password });
  });

  it('locks the guessed account, not the colleagues at the same counter', async () => {
    const admin = await setUpShop(fx);
    await fx.call(
      'users.create',
      { username: 'sam', displayName: 'Sam', role: 'staff', password: 'packer-password' },
      admin,
    );
    for (let i = 0; i < 5; i++)
      await fx.fail('auth.login', { username: 'admin', password: 'nope-nope' });
    expect(
      (await fx.fail('auth.login', { username: 'admin', password: ADMIN.password })).code,
    ).toBe('rate_limited');
    await fx.call('auth.login', { username: 'sam', password: 'packer-password' });
  });
});

describe('roles', () => {
  it('refuses administrator methods to Staff, and every method but public ones without a session', async () => {
    const admin = await setUpShop(fx);
    await fx.call(
      'users.create',
      { username: 'sam', displayName: 'Sam Staff', role: 'staff', password: 'packer-password' },
      admin,
    );
    const staff = (await fx.call('auth.login', { username: 'sam', password: 'packer-password' }))
      .token;
    expect((await fx.fail('users.list', {}, staff)).code).toBe('forbidden');
    expect((await fx.fail('audit.list', {}, staff)).code).toBe('forbidden');
    expect((await fx.fail('users.list', {}, null)).code).toBe('unauthenticated');
    expect((await fx.fail('users.list', {}, 'forged-token')).code).toBe('unauthenticated');
    expect((await fx.call('auth.me', {}, staff)).user.role).toBe('staff');

    const audit = await fx.call('audit.list', { username: 'sam' }, admin);
    expect(audit.entries[0]).toMatchObject({
      method: 'audit.list',
      outcome: 'denied',
      username: 'sam',
    });
  });

  it('validates input and names the bad fields', async () => {
    const admin = await setUpShop(fx);
    const error = await fx.fail(
      'users.create',
      { username: 'x', displayName: '', role: 'boss', password: 'short' },
      admin,
    );
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      'displayName',
      'password',
      'role',
      'username',
    ]);
  });

  it('a disabled user loses their sessions and cannot sign in', async () => {
    const admin = await setUpShop(fx);
    const sam = await fx.call(
      'users.create',
      { username: 'sam', displayName: 'Sam', role: 'staff', password: 'packer-password' },
      admin,
    );
    const staff = (await fx.call('auth.login', { username: 'sam', password: 'packer-password' }))
      .token;
    await fx.call('users.update', { userId: sam.id, isDisabled: true }, admin);
    expect((await fx.fail('auth.me', {}, staff)).code).toBe('unauthenticated');
    expect(
      (await fx.fail('auth.login', { username: 'sam', password: 'packer-password' })).code,
    ).toBe('account_disabled');
  });

  it('keeps at least one active administrator', async () => {
    const admin = await setUpShop(fx);
    const me = await fx.call('auth.me', {}, admin);
    expect((await fx.fail('users.update', { userId: me.user.id, role: 'staff' }, admin)).code).toBe(
      'last_administrator',
    );
    expect(
      (await fx.fail('users.update', { userId: me.user.id, isDisabled: true }, admin)).code,
    ).toBe('last_administrator');
    expect((await fx.call('users.list', {}, admin))[0]?.role).toBe('administrator');
  });

  it('resetting a password ends the user’s sessions and the new one works', async () => {
    const admin = await setUpShop(fx);
    const sam = await fx.call(
      'users.create',
      { username: 'sam', displayName: 'Sam', role: 'staff', password: 'packer-password' },
      admin,
    );
    const staff = (await fx.call('auth.login', { username: 'sam', password: 'packer-password' }))
      .token;
    await fx.call(
      'users.resetPassword',
      { userId: sam.id, newPassword: 'brand-new-password' },
      admin,
    );
    expect((await fx.fail('auth.me', {}, staff)).code).toBe('unauthenticated');
    await fx.call('auth.login', { username: 'sam', password: 'brand-new-password' });
  });
});

describe('operator switch by PIN', () => {
  it('hands the station over by PIN, ending the previous session', async () => {
    const admin = await setUpShop(fx);
    await fx.call(
      'users.create',
      {
        username: 'pat',
        displayName: 'Pat Packer',
        role: 'staff',
        password: 'packer-password',
        pin: '4321',
      },
      admin,
    );
    expect(await fx.call('auth.operators', {}, admin)).toEqual([
      { username: 'pat', displayName: 'Pat Packer' },
    ]);
    const pat = await fx.call('auth.switchOperator', { username: 'pat', pin: '4321' }, admin);
    expect(pat.user.username).toBe('pat');
    expect((await fx.fail('auth.me', {}, admin)).code).toBe('unauthenticated');
    expect((await fx.call('auth.me', {}, pat.token)).user.role).toBe('staff');
  });

  it('locks a PIN after 5 wrong tries', async () => {
    const admin = await setUpShop(fx);
    await fx.call(
      'users.create',
      {
        username: 'pat',
        displayName: 'Pat',
        role: 'staff',
        password: 'packer-password',
        pin: '4321',
      },
      admin,
    );
    for (let i = 0; i < 5; i++) {
      expect(
        (await fx.fail('auth.switchOperator', { username: 'pat', pin: '0000' }, admin)).code,
      ).toBe('invalid_credentials');
    }
    expect(
      (await fx.fail('auth.switchOperator', { username: 'pat', pin: '4321' }, admin)).code,
    ).toBe('rate_limited');
  });
});

describe('guesses sent in parallel', () => {
  /** Time enough for 30 scrypt hashes on a busy machine, should every guess be verified. */
  const PARALLEL_TIMEOUT_MS = 240_000;

  /** 30 calls started together, the right guess last; the outcome code of each. */
  async function guessTogether(method: string, guesses: unknown[], token: string | null) {
    const results = await Promise.all(
      guesses.map((input) => fx.core.registry.call(method, input, { token, origin: 'test' })),
    );
    return results.map((result) => (result.ok ? 'ok' : result.error.code));
  }

  function tally(codes: string[]) {
    const count: Record<string, number> = {};
    for (const code of codes) count[code] = (count[code] ?? 0) + 1;
    return count;
  }

  it(
    'verifies at most 5 of 30 parallel logins and refuses the right password sent last',
    async () => {
      await setUpShop(fx);
      const guesses = Array.from({ length: 30 }, (_, i) => ({
        username: 'admin',
        password: i === 29 ? ADMIN.password : `wrong password ${i}`,
      }));
      const codes = await guessTogether('auth.login', guesses, null);
      expect({ all: tally(codes), last: codes.at(-1) }).toEqual({
        all: { invalid_credentials: 5, rate_limited: 25 },
        last: 'rate_limited',
      });
    },
    PARALLEL_TIMEOUT_MS,
  );

  it(
    'verifies at most 5 of 30 parallel PIN switches and refuses the right PIN sent last',
    async () => {
      const admin = await setUpShop(fx);
      await fx.call(
        'users.create',
        {
          username: 'mia',
          displayName: 'Mia',
          role: 'manager',
          password: 'mia password',
          pin: '7391',
        },
        admin,
      );
      await fx.call(
        'users.create',
        { username: 'sam', displayName: 'Sam', role: 'staff', password: 'sam password' },
        admin,
      );
      const sam = (await fx.call('auth.login', { username: 'sam', password: 'sam password' }))
        .token;
      const guesses = Array.from({ length: 30 }, (_, i) => ({
        username: 'mia',
        pin: i === 29 ? '7391' : String(1000 + i),
      }));
      const codes = await guessTogether('auth.switchOperator', guesses, sam);
      expect({ all: tally(codes), last: codes.at(-1) }).toEqual({
        all: { invalid_credentials: 5, rate_limited: 25 },
        last: 'rate_limited',
      });
      expect((await fx.call('auth.me', {}, sam)).user.username).toBe('sam');
    },
    PARALLEL_TIMEOUT_MS,
  );

  it(
    'holds a signed-in session to the same limit when it guesses its own current password',
    async () => {
      const admin = await setUpShop(fx);
      const guesses = Array.from({ length: 30 }, (_, i) => ({
        currentPassword: `wrong password ${i}`,
        newPassword: 'taken over at last',
      }));
      const codes = await guessTogether('auth.changePassword', guesses, admin);
      expect(tally(codes)).toEqual({ invalid_credentials: 5, rate_limited: 25 });
      const asPin = await fx.fail(
        'auth.setPin',
        { currentPassword: ADMIN.password, pin: '1234' },
        admin,
      );
      expect(asPin.code).toBe('rate_limited');
    },
    PARALLEL_TIMEOUT_MS,
  );
});

describe('audit log and preferences', () => {
  it('records every mutating call with who, what, when and where, secrets removed', async () => {
    const admin = await setUpShop(fx);
    await fx.call('shop.update', { name: 'Counter One' }, admin);
    await fx.call(
      'users.create',
      {
        username: 'sam',
        displayName: 'Sam',
        role: 'staff',
        password: 'packer-password',
        pin: '1111',
      },
      admin,
    );
    const page = await fx.call('audit.list', { limit: 10 }, admin);
    expect(page.entries.map((e) => e.method)).toEqual([
      'users.create',
      'shop.update',
      'setup.createShop',
    ]);
    const created = page.entries[0];
    expect(created).toMatchObject({
      username: 'admin',
      outcome: 'ok',
      origin: 'test',
      at: fx.clock.now,
    });
    expect(created?.detail).toContain('"username":"sam"');
    expect(created?.detail).not.toContain('packer-password');
    expect(created?.detail).not.toContain('1111');
  });

  it('pages the audit log by cursor', async () => {
    const admin = await setUpShop(fx);
    for (let i = 0; i < 5; i++) await fx.call('shop.update', { name: `Shop ${i}` }, admin);
    const first = await fx.call('audit.list', { limit: 4 }, admin);
    expect(first.entries).toHaveLength(4);
    const second = await fx.call(
      'audit.list',
      { limit: 4, beforeId: first.nextBeforeId ?? 0 },
      admin,
    );
    expect(second.entries).toHaveLength(2);
    expect(second.nextBeforeId).toBeNull();
  });

  it('keeps language and theme per user', async () => {
    const admin = await setUpShop(fx);
    await fx.call('preferences.update', { language: 'fa' }, admin);
    await fx.call('preferences.update', { theme: 'dark' }, admin);
    expect((await fx.call('auth.me', {}, admin)).preferences).toEqual({
      language: 'fa',
      theme: 'dark',
    });
  });
});
