import type { ResourceWait } from '../../../shared/schemas/sync.schema';
import type { QueueStats } from '../outbox/outbox.repo';

export type ConnectionState = 'unknown' | 'online' | 'offline' | 'auth_failed';

export interface AccountSyncStatus extends QueueStats {
  accountId: number;
  connection: ConnectionState;
  lastPullAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  nextPullAt: number | null;
  isSyncing: boolean;
  waiting: ResourceWait[];
}

/**
 * What a handler may ask of the sync engine. Declared here, below the domains, so the handler
 * kit does not import `sync/` (which stands on the domains); the engine satisfies it.
 */
export interface SyncControl {
  /** Push what is due and pull now; resolves when done. */
  syncNow(accountId: number): Promise<void>;
  /** Push what is due, without pulling. */
  pushNow(accountId: number): Promise<void>;
  status(accountId: number): Promise<AccountSyncStatus | null>;
}
