/** The four roles of the brief. Order matters only for display. */
export const ROLES = ['administrator', 'manager', 'staff', 'courier'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may change shop-level settings and browse the audit log. */
export const BACK_OFFICE_ROLES = ['administrator', 'manager'] as const satisfies readonly Role[];

/**
 * Roles that work at the counter or in the back office: orders, picking, packing, sync,
 * printing, and handing the station to someone else. Couriers only see their own tasks.
 */
export const COUNTER_ROLES = [
  'administrator',
  'manager',
  'staff',
] as const satisfies readonly Role[];

/**
 * Roles a shared station may be handed to by PIN (PIN switch): the people who work the counter.
 * Not the Administrator, whose role manages users, so it stays behind a password rather than one
 * short PIN away from whoever is signed in; not the Courier, who works from a phone.
 */
export const STATION_OPERATOR_ROLES = ['manager', 'staff'] as const satisfies readonly Role[];
