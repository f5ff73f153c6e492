import { BACK_OFFICE_ROLES, ROLES, type Role } from '../../../shared/domain/roles';
import type { Route } from './router';

/**
 * Which roles see each section. The core enforces the same limits on every method
 * (`users.*` administrators only, `audit.list` back office); hiding the section only keeps
 * people away from screens that would answer `forbidden`.
 */
const SECTION_ROLES: Record<Route, readonly Role[]> = {
  home: ROLES,
  users: ['administrator'],
  audit: BACK_OFFICE_ROLES,
  settings: ROLES,
};

export function sectionsFor(role: Role): Route[] {
  return (Object.keys(SECTION_ROLES) as Route[]).filter((route) =>
    SECTION_ROLES[route].includes(role),
  );
}
