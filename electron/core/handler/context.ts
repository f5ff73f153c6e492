import type BetterSqlite3 from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/contract/methods';
import type { AuthLimiters } from '../lib/rate-limiter';
import type { Db } from '../db/connection';
import type { Database, UserRow } from '../db/schema';
import type { ScannerService } from '../devices/scanner/scanner-service';
import type { Logger } from '../logging/logger';
import type { MarketplaceHub } from '../marketplace/hub';
import type { SecretBox } from '../secrets/secret-box';
import type { EventBus } from '../lib/event-bus';
import type { SyncControl } from './ports';

/** Long-lived parts every handler may use; built once by `createCore`. */
export interface CoreServices {
  db: Db;
  /** The same connection as `db`, for bulk writes through `writeExclusive` only. */
  sqlite: BetterSqlite3.Database;
  now: () => number;
  log: Logger;
  events: EventBus;
  secrets: SecretBox;
  marketplaces: MarketplaceHub;
  sync: SyncControl;
  /** The station's serial scanner: its port, state and latest scans. */
  scanners: ScannerService;
  /** Failed password and PIN attempts, per user and per address. */
  limiters: AuthLimiters;
}

export interface Caller {
  /** Bearer token from the transport, if any. */
  token: string | null;
  /** `desktop` for Electron IPC, `http:<address>` for the station. */
  origin: string;
}

export interface SessionInfo {
  sessionId: number;
  user: UserRow;
}

export interface HandlerContext extends CoreServices {
  caller: Caller;
  /** Null only for `public` methods called without a valid session. */
  session: SessionInfo | null;
  /**
   * Runs the method's writes in one transaction; the first one that commits also holds the
   * call's audit entry, so the log never claims a change that was rolled back, nor misses one
   * that was committed, and a call that writes in steps is one entry. Do slow work (password
   * hashing) before, never network I/O inside.
   */
  write<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /** Names the user the audit entry is about when the caller had no session (login, first run). */
  setActor(user: Pick<UserRow, 'id' | 'username'>): void;
}

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  ctx: HandlerContext,
) => Promise<MethodOutput<M>>;

export type HandlerMap<M extends MethodName> = { [K in M]: Handler<K> };

export function requireSession(ctx: HandlerContext): SessionInfo {
  if (!ctx.session) throw new Error('Handler needs a session but its access is public');
  return ctx.session;
}
