import type { Kysely, Transaction } from 'kysely';
import type { CoreServices, SessionInfo } from '../handler/context';
import type { Database, UserRow } from '../db/schema';
import { hashToken, newSessionToken } from './tokens';

type Executor = Kysely<Database> | Transaction<Database>;

/** A session ends after this long without use; each use moves the end forward. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** Sliding the expiry costs a write; once a minute is precise enough. */
const TOUCH_EVERY_MS = 60 * 1000;

export async function startSession(
  db: Executor,
  userId: number,
  origin: string,
  now: number,
): Promise<{ token: string; expiresAt: number }> {
  const token = newSessionToken();
  const expiresAt = now + SESSION_IDLE_MS;
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      origin,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

/** The live session behind a token, or null if it is unknown, ended, expired or its user disabled. */
export async function authenticate(
  { db, now }: Pick<CoreServices, 'db' | 'now'>,
  token: string,
): Promise<SessionInfo | null> {
  const at = now();
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.last_seen_at', 'sessions.expires_at'])
    .selectAll('users')
    .where('sessions.token_hash', '=', hashToken(token))
    .where('sessions.ended_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.expires_at <= at || row.is_disabled) return null;
  if (at - row.last_seen_at > TOUCH_EVERY_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: at, expires_at: at + SESSION_IDLE_MS })
      .where('id', '=', row.session_id)
      .execute();
  }
  const { session_id, last_seen_at: _seen, expires_at: _expires, ...user } = row;
  return { sessionId: session_id, user };
}

/**
 * The user of a session that is still live, without counting this as a use: an open push
 * socket re-checks its session when sessions may have ended, and that must not keep an idle
 * session alive.
 */
export async function liveSessionUser(
  db: Executor,
  sessionId: number,
  now: number,
): Promise<Pick<UserRow, 'id' | 'role'> | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.role', 'users.is_disabled', 'sessions.expires_at'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.ended_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.expires_at <= now || row.is_disabled) return null;
  return { id: row.id, role: row.role };
}

export async function endSession(db: Executor, sessionId: number, now: number): Promise<void> {
  await db.updateTable('sessions').set({ ended_at: now }).where('id', '=', sessionId).execute();
}

/** Ends every live session of a user, optionally sparing one (the caller's own). */
export async function endUserSessions(
  db: Executor,
  userId: number,
  now: number,
  exceptSessionId?: number,
): Promise<void> {
  let update = db
    .updateTable('sessions')
    .set({ ended_at: now })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null);
  if (exceptSessionId !== undefined) update = update.where('id', '!=', exceptSessionId);
  await update.execute();
}
