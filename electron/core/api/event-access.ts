import {
  domainOfEvent,
  EVENT_DOMAINS,
  EVENT_READS,
  type AppEvent,
  type EventDomain,
} from '../../../shared/contract/events';
import { methods } from '../../../shared/contract/methods';
import { ROLES, type Role } from '../../../shared/domain/roles';

/**
 * Who a push event is delivered to: a signed-in user. Only `role` is read today; `userId` is
 * what a row-scoped domain will need in `mayReceive` (event-feed.ts fills both).
 */
export interface EventReader {
  userId: number;
  role: Role;
}

function rolesAllowed(method: keyof typeof methods): readonly Role[] {
  const { access } = methods[method];
  return access === 'public' || access === 'session' ? ROLES : access;
}

/** Per domain, the roles that may call at least one read its change makes stale. */
const READERS = new Map<EventDomain, ReadonlySet<Role>>(
  EVENT_DOMAINS.map((domain) => [domain, new Set(EVENT_READS[domain].flatMap(rolesAllowed))]),
);

/**
 * Whether `reader` is told of `event`: by role, from the contract's `access`. No domain is scoped
 * to its rows' owner yet; when one is (a courier's own tasks), its check by reader goes here.
 */
export function mayReceive(reader: EventReader, event: AppEvent): boolean {
  return READERS.get(domainOfEvent(event.name))?.has(reader.role) ?? false;
}
