/** The four roles of the brief. Order matters only for display. */
export const ROLES = ['administrator', 'manager', 'staff', 'courier'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may change shop-level settings and browse the audit log. */
export const BACK_OFFICE_ROLES = ['administrator', 'manager'] as const satisfies readonly Role[];
