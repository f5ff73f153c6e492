import { STATION_OPERATOR_ROLES, type Role } from '../../../shared/domain/roles';
import { requireSession, type HandlerContext, type HandlerMap } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import type { UserRow } from '../db/schema';
import { counterRepo } from '../counter/counter.repo';
import type { FailureLimiter } from '../lib/rate-limiter';
import { getPreferences } from '../shop/preferences.repo';
import { getShop } from '../shop/shop.repo';
import { findUserByUsername, listUsers, toUser, updateUser } from './users.repo';
import { hashSecret, verifyAgainstDecoy, verifySecret } from './passwords';
import { endSession, endUserSessions, startSession } from './sessions.repo';
import { hashToken } from './tokens';
import { writeAudit } from '../audit/audit.repo';
import { addressKey } from './address-key';

type AuthMethods =
  | 'auth.login'
  | 'auth.logout'
  | 'auth.me'
  | 'auth.operators'
  | 'auth.switchOperator'
  | 'auth.changePassword'
  | 'auth.setPin';

/**
 * Whose count an attempt goes to. Per user, and per transport: a guesser on the network can lock
 * a user out of the station's HTTP API, never out of the desktop app, which only the person at
 * the machine can reach. Per address, every loopback address is one caller (see `addressKey`).
 */
function attemptKeys(origin: string, username: string) {
  const httpAddress = origin.startsWith('http:') ? origin.slice('http:'.length) : null;
  return httpAddress === null
    ? { user: `${origin}:${username}`, address: origin }
    : { user: `http:${username}`, address: `http:${addressKey(httpAddress)}` };
}

/**
 * Admits one attempt at `username`'s secret from the caller's address, or refuses it while
 * either is held back. Checking and reserving run with no `await` between them, so attempts sent
 * in parallel are admitted one at a time on an up-to-date count: each admitted one counts as
 * failed, for the user and for the address, until its secret proves right. `failed` is called
 * when the secret proved wrong; the one attempt whose failure locks the user is audited, so an
 * Administrator sees who was locked, from where and until when.
 */
function admitAttempt(
  ctx: HandlerContext,
  method: AuthMethods,
  byUser: FailureLimiter,
  username: string,
) {
  const { byAddress } = ctx.limiters;
  const keys = attemptKeys(ctx.caller.origin, username);
  const wait = Math.max(
    byUser.retryAfterSeconds(keys.user),
    byAddress.retryAfterSeconds(keys.address),
  );
  if (wait > 0) {
    throw new ApiFailure('rate_limited', `Too many failed attempts; try again in ${wait} s`, {
      retryAfterSeconds: wait,
    });
  }
  const attempt = { byUser: byUser.reserve(keys.user), byAddress: byAddress.reserve(keys.address) };
  const locksIfWrong = byUser.retryAfterSeconds(keys.user);
  return {
    ...attempt,
    resetUser: () => byUser.reset(keys.user),
    async failed(user: Pick<UserRow, 'id' | 'username'> | undefined) {
      if (!user || locksIfWrong === 0) return;
      const entry = {
        at: ctx.now(),
        method,
        outcome: 'denied',
        origin: ctx.caller.origin,
        user_id: user.id,
        username: user.username,
        detail: JSON.stringify({ locked: true, until: ctx.now() + locksIfWrong * 1000 }),
      } as const;
      // The refusal stands whether or not the entry could be written.
      await writeAudit(ctx.db, entry).then(
        () => ctx.events.publish('audit'),
        (error: unknown) => ctx.log.error({ err: error }, 'could not audit a user lock'),
      );
    },
  };
}

/** Whom the station may be handed to by PIN (an Administrator signs in with a password). */
function isStationOperator(user: UserRow): boolean {
  return (STATION_OPERATOR_ROLES as readonly Role[]).includes(user.role) && !user.is_disabled;
}

/**
 * Asked before a signed-in user changes their own secrets. It is a guess at their password like
 * a login, so it is limited like one: a session left open must not be a way to try passwords.
 */
async function checkCurrentPassword(
  ctx: HandlerContext,
  method: AuthMethods,
  user: UserRow,
  password: string,
) {
  const attempt = admitAttempt(ctx, method, ctx.limiters.loginByUser, user.username);
  if (!(await verifySecret(password, user.password_hash))) {
    await attempt.failed(user);
    throw new ApiFailure('invalid_credentials', 'The current password is wrong', {
      fields: { currentPassword: 'wrong' },
    });
  }
  attempt.byAddress.release();
  attempt.resetUser();
}

/** Starts a session for `user` (already verified), stamping the login time. */
async function signIn(ctx: HandlerContext, user: UserRow, endingSessionId?: number) {
  ctx.setActor(user);
  return ctx.write(async (trx) => {
    const now = ctx.now();
    if (endingSessionId !== undefined) await endSession(trx, endingSessionId, now);
    const updated = await updateUser(trx, user.id, { last_login_at: now });
    const { token, expiresAt } = await startSession(trx, user.id, ctx.caller.origin, now);
    if (endingSessionId !== undefined) {
      // The posting open at the counter stays open for whoever takes over the station.
      const started = await trx
        .selectFrom('sessions')
        .select('id')
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirstOrThrow();
      counterRepo(ctx.sqlite).carry(endingSessionId, started.id);
    }
    return { token, expiresAt, user: toUser(updated) };
  });
}

export const authHandlers: HandlerMap<AuthMethods> = {
  'auth.login': async (input, ctx) => {
    const attempt = admitAttempt(ctx, 'auth.login', ctx.limiters.loginByUser, input.username);
    const user = await findUserByUsername(ctx.db, input.username);
    // A name nobody has counts against the address only: there is no account to lock.
    if (!user) attempt.byUser.release();
    const valid = user
      ? await verifySecret(input.password, user.password_hash)
      : await verifyAgainstDecoy(input.password);
    if (!user || !valid) {
      await attempt.failed(user);
      throw new ApiFailure('invalid_credentials', 'Wrong user name or password');
    }
    // The password was right, so this was no failed guess.
    attempt.byAddress.release();
    attempt.byUser.release();
    // Told only after a correct password, so it reveals nothing to a guesser.
    if (user.is_disabled) throw new ApiFailure('account_disabled', 'This account is disabled');
    attempt.resetUser();
    return signIn(ctx, user);
  },

  'auth.logout': async (_input, ctx) => {
    const { sessionId } = requireSession(ctx);
    return ctx.write(async (trx) => {
      await endSession(trx, sessionId, ctx.now());
      return {};
    });
  },

  'auth.me': async (_input, ctx) => {
    const { user } = requireSession(ctx);
    const [preferences, shop] = await Promise.all([
      getPreferences(ctx.db, user.id),
      getShop(ctx.db),
    ]);
    return { user: toUser(user), preferences, shop: { name: shop?.name ?? '' } };
  },

  'auth.operators': async (_input, ctx) =>
    (await listUsers(ctx.db))
      .filter((user) => user.pin_hash !== null && isStationOperator(user))
      .map((user) => ({ username: user.username, displayName: user.display_name })),

  'auth.switchOperator': async (input, ctx) => {
    const { sessionId } = requireSession(ctx);
    const attempt = admitAttempt(
      ctx,
      'auth.switchOperator',
      ctx.limiters.pinByUser,
      input.username,
    );
    const user = await findUserByUsername(ctx.db, input.username);
    if (!user) attempt.byUser.release();
    const valid = user?.pin_hash ? await verifySecret(input.pin, user.pin_hash) : false;
    // Someone the station does not offer is refused like a wrong PIN, so nothing is revealed.
    if (!user || !valid || !isStationOperator(user)) {
      await attempt.failed(user);
      throw new ApiFailure('invalid_credentials', 'Wrong user or PIN');
    }
    attempt.byAddress.release();
    attempt.resetUser();
    return signIn(ctx, user, sessionId);
  },

  'auth.changePassword': async (input, ctx) => {
    const { user, sessionId } = requireSession(ctx);
    await checkCurrentPassword(ctx, 'auth.changePassword', user, input.currentPassword);
    const passwordHash = await hashSecret(input.newPassword);
    return ctx.write(async (trx) => {
      const now = ctx.now();
      await updateUser(trx, user.id, { password_hash: passwordHash, updated_at: now });
      await endUserSessions(trx, user.id, now, sessionId);
      return {};
    });
  },

  'auth.setPin': async (input, ctx) => {
    const { user } = requireSession(ctx);
    await checkCurrentPassword(ctx, 'auth.setPin', user, input.currentPassword);
    const pinHash = input.pin === null ? null : await hashSecret(input.pin);
    return ctx.write(async (trx) => {
      await updateUser(trx, user.id, { pin_hash: pinHash, updated_at: ctx.now() });
      return {};
    });
  },
};
