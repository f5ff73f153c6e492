import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../../../shared/domain/roles';

/** Kysely's view of the database; one interface per table, snake_case as in SQL. */
export interface Database {
  shop: ShopTable;
  users: UsersTable;
  sessions: SessionsTable;
  preferences: PreferencesTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
}

export interface ShopTable {
  id: number;
  name: string;
  created_at: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  pin_hash: string | null;
  is_disabled: Generated<0 | 1>;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserRowUpdate = Updateable<UsersTable>;

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  origin: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ended_at: number | null;
}

export interface PreferencesTable {
  user_id: number;
  language: string;
  theme: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  user_id: number | null;
  username: string | null;
  method: string;
  outcome: 'ok' | 'denied' | 'failed';
  origin: string;
  detail: string;
}
