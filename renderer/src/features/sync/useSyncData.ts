import type { MethodOutput } from '../../../../shared/contract/methods';
import { queryKeys } from '../../api/query-keys';
import { useApiQuery } from '../../api/useApiQuery';

export type Account = MethodOutput<'accounts.list'>[number];
export type OutboxAction = MethodOutput<'outbox.list'>[number];
export type SyncAlert = MethodOutput<'alerts.list'>[number];

/**
 * Sync status also moves without a push event (a pull that starts, a retry that comes due),
 * so these reads refresh on a timer as well; times shown relative to now stay true.
 */
const POLL_MS = 10_000;

export function useAccounts(options: { enabled?: boolean } = {}) {
  return useApiQuery(
    queryKeys.accounts,
    'accounts.list',
    {},
    {
      ...options,
      refetchInterval: POLL_MS,
    },
  );
}

export function useAlerts(options: { enabled?: boolean } = {}) {
  return useApiQuery(queryKeys.alerts, 'alerts.list', {}, { ...options, refetchInterval: POLL_MS });
}

export function useOutbox(options: { enabled?: boolean } = {}) {
  return useApiQuery(queryKeys.outbox, 'outbox.list', {}, { ...options, refetchInterval: POLL_MS });
}

/**
 * One word for an account in the header: a refused or expired key first (nothing can be sent),
 * then a lost connection, then a key about to expire.
 */
export type AccountHealthState = 'credentials' | 'offline' | 'unknown' | 'expiring' | 'online';

export function healthOf(account: Account): AccountHealthState {
  if (account.sync.connection === 'auth_failed' || account.credentialsWarning === 'expired')
    return 'credentials';
  if (account.sync.connection === 'offline') return 'offline';
  if (account.sync.connection === 'unknown') return 'unknown';
  return account.credentialsWarning === 'expiring' ? 'expiring' : 'online';
}

export const HEALTH_COLORS: Record<AccountHealthState, string> = {
  credentials: 'error',
  offline: 'error',
  unknown: 'default',
  expiring: 'warning',
  online: 'success',
};
