import { BACK_OFFICE_ROLES, COUNTER_ROLES, ROLES, type Role } from '../../../shared/domain/roles';
import type { Route } from './router';

export function isCounter(role: Role) {
  return (COUNTER_ROLES as readonly Role[]).includes(role);
}

export function isBackOffice(role: Role) {
  return (BACK_OFFICE_ROLES as readonly Role[]).includes(role);
}

/**
 * Which roles see each section. The core enforces the same limits on every method
 * (`users.*` administrators only, `audit.list` back office, postings and sync the counter);
 * hiding the section only keeps people away from screens that would answer `forbidden`.
 */
const SECTION_ROLES: Record<Route, readonly Role[]> = {
  home: ROLES,
  orders: COUNTER_ROLES,
  picking: COUNTER_ROLES,
  packing: COUNTER_ROLES,
  dispatch: COUNTER_ROLES,
  stats: BACK_OFFICE_ROLES,
  sync: COUNTER_ROLES,
  printing: COUNTER_ROLES,
  users: ['administrator'],
  audit: BACK_OFFICE_ROLES,
  settings: ROLES,
};

export function sectionsFor(role: Role): Route[] {
  return (Object.keys(SECTION_ROLES) as Route[]).filter((route) =>
    SECTION_ROLES[route].includes(role),
  );
}
