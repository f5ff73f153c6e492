import type { QueryClient } from '@tanstack/react-query';
import type { EventDomain } from '../../../shared/contract/events';
import type { MethodInput } from '../../../shared/contract/methods';

/** Every key starts with the event domain whose `<domain>.changed` makes it stale. */
export const queryKeys = {
  setupStatus: ['setup', 'status'],
  me: ['auth', 'me'],
  operators: ['auth', 'operators'],
  users: ['users', 'list'],
  audit: (filters: Omit<MethodInput<'audit.list'>, 'beforeId' | 'limit'>) => [
    'audit',
    'list',
    filters,
  ],
  accounts: ['accounts', 'list'],
  postings: (filters: Omit<MethodInput<'postings.search'>, 'after' | 'limit'>) => [
    'postings',
    'search',
    filters,
  ],
  posting: (postingNumber: string) => ['postings', 'get', postingNumber],
  outbox: ['outbox', 'list'],
  alerts: ['alerts', 'list'],
} as const;

/**
 * Some screens show another domain's data through a composite read: `auth.me` carries the
 * user's preferences and the shop, `setup.status` the shop name, `auth.operators` the users.
 */
const ALSO_STALE: Record<EventDomain, readonly EventDomain[]> = {
  setup: [],
  auth: [],
  preferences: ['auth'],
  shop: ['auth', 'setup'],
  users: ['auth'],
  audit: [],
  // An account's sync status (`accounts.list`) counts the outbox; shipping or cancelling a
  // posting and setting a stock level queue outbox actions; a posting's detail lists its
  // actions and alerts; a sync cycle moves actions along and updates the account's status.
  accounts: [],
  postings: ['accounts', 'outbox'],
  products: ['accounts', 'outbox'],
  outbox: ['accounts', 'postings'],
  alerts: ['postings'],
  sync: ['accounts', 'outbox'],
  // The job list names each job's printer.
  printers: ['printing'],
  printing: [],
  // Completing a posting queues its ship action and its label; a dispatch batch reads packed
  // postings; scans are taken by whichever screen listens, not cached.
  packing: ['postings', 'outbox', 'accounts', 'printing', 'dispatch'],
  picking: [],
  dispatch: ['printing'],
  stats: [],
  scanners: [],
  scans: [],
};

export function invalidateDomain(queryClient: QueryClient, domain: string) {
  const related = (ALSO_STALE as Record<string, readonly string[] | undefined>)[domain] ?? [];
  for (const root of [domain, ...related]) {
    void queryClient.invalidateQueries({ queryKey: [root] });
  }
}
