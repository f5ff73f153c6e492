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
  // Packed postings are what a dispatch batch takes.
  postings: ['accounts', 'outbox', 'dispatch'],
  products: ['accounts', 'outbox'],
  // The counter's "waiting to sync" counts open ship actions and print jobs.
  outbox: ['accounts', 'postings', 'packing'],
  alerts: ['postings'],
  sync: ['accounts', 'outbox'],
  // The job list names each job's printer.
  printers: ['printing'],
  printing: ['packing'],
  // The core announces postings and outbox itself when a completion queues a ship; a plain scan
  // changes only the counter, so it must not refetch the rest of the app.
  packing: [],
  picking: [],
  dispatch: ['printing'],
  stats: [],
  scanners: [],
  scans: [],
};

/**
 * Domains that change with every scan at a busy counter. Their refetch waits until the scans
 * pause, so a burst refreshes once instead of queueing a read in front of every next scan; the
 * screen that scanned already shows the state the core answered.
 */
const SETTLE_MS: Partial<Record<EventDomain, number>> = { packing: 300, dispatch: 300 };
const settling = new WeakMap<QueryClient, Map<string, ReturnType<typeof setTimeout>>>();

export function invalidateDomain(queryClient: QueryClient, domain: string) {
  const delay = (SETTLE_MS as Record<string, number | undefined>)[domain];
  if (delay === undefined) {
    invalidateNow(queryClient, domain);
    return;
  }
  let timers = settling.get(queryClient);
  if (!timers) settling.set(queryClient, (timers = new Map()));
  clearTimeout(timers.get(domain));
  timers.set(
    domain,
    setTimeout(() => {
      timers.delete(domain);
      invalidateNow(queryClient, domain);
    }, delay),
  );
}

function invalidateNow(queryClient: QueryClient, domain: string) {
  const related = (ALSO_STALE as Record<string, readonly string[] | undefined>)[domain] ?? [];
  for (const root of [domain, ...related]) {
    void queryClient.invalidateQueries({ queryKey: [root] });
  }
}
