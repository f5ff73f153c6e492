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
export type AppEventName = `${EventDomain}.changed`;

export interface AppEvent {
  name: AppEventName;
  at: number;
}

export function eventForMethod(method: string): AppEventName | null {
  const domain = method.split('.')[0];
  return (EVENT_DOMAINS as readonly string[]).includes(domain ?? '')
    ? (`${domain}.changed` as AppEventName)
    : null;
}
