import type { MethodName } from './methods';

/**
 * Push events: after a mutating call on `<domain>.*` succeeds the core announces
 * `<domain>.changed`, so every open screen refreshes what it shows of that domain.
 * Events carry no data; clients re-read through the API, where roles are enforced.
 */
export const EVENT_DOMAINS = [
  'setup',
  'auth',
  'preferences',
  'shop',
  'users',
  'audit',
  'accounts',
  'postings',
  'products',
  'outbox',
  'alerts',
  'sync',
  'printers',
  'printing',
  'packing',
  'picking',
  'dispatch',
  'stats',
  'scanners',
  /** New serial scans to take (`scanners.take`); published by the core, not by a method. */
  'scans',
] as const;
export type EventDomain = (typeof EVENT_DOMAINS)[number];

/**
 * The reads whose answers a domain's change makes stale. `<domain>.changed` goes only to those
 * whose role may call one of them (the methods' `access`): a courier is not told that the audit
 * log or the postings moved.
 */
export const EVENT_READS: Record<EventDomain, readonly MethodName[]> = {
  setup: ['setup.status'],
  auth: ['auth.me', 'auth.operators'],
  preferences: ['auth.me'],
  shop: ['auth.me', 'setup.status'],
  users: ['users.list', 'auth.operators'],
  audit: ['audit.list'],
  accounts: ['accounts.list', 'accounts.warehouses'],
  postings: ['postings.search', 'postings.get'],
  products: ['postings.get'],
  outbox: ['outbox.list'],
  alerts: ['alerts.list'],
  sync: ['accounts.list'],
  printers: ['printers.list', 'printers.status'],
  printing: ['printing.jobs'],
  packing: ['packing.current'],
  picking: ['picking.list', 'picking.get'],
  dispatch: ['dispatch.list'],
  stats: ['stats.counter'],
  scanners: ['scanners.serial'],
  scans: ['scanners.take'],
};
export type AppEventName = `${EventDomain}.changed`;

export interface AppEvent {
  name: AppEventName;
  at: number;
}

export function domainOfEvent(name: AppEventName): EventDomain {
  return name.slice(0, -'.changed'.length) as EventDomain;
}

export function eventForMethod(method: string): AppEventName | null {
  const domain = method.split('.')[0];
  return (EVENT_DOMAINS as readonly string[]).includes(domain ?? '')
    ? (`${domain}.changed` as AppEventName)
    : null;
}
