// Schema: the shop profile, users, sessions, per-user preferences, shop settings and the audit log.
import type { Migration } from './index';

export const migration0001: Migration = {
  name: '0001_foundation',
  sql: `
    CREATE TABLE shop (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('administrator', 'manager', 'staff', 'courier')),
      password_hash TEXT NOT NULL,
      pin_hash TEXT,
      is_disabled INTEGER NOT NULL DEFAULT 0 CHECK (is_disabled IN (0, 1)),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      last_login_at INTEGER
    ) STRICT;

    CREATE TABLE sessions (
      id INTEGER PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      user_id INTEGER NOT NULL REFERENCES users (id),
      origin TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      ended_at INTEGER
    ) STRICT;
    CREATE INDEX sessions_user_id_idx ON sessions (user_id);

    CREATE TABLE preferences (
      user_id INTEGER PRIMARY KEY REFERENCES users (id),
      language TEXT NOT NULL,
      theme TEXT NOT NULL
    ) STRICT;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      user_id INTEGER REFERENCES users (id),
      username TEXT,
      method TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
      origin TEXT NOT NULL,
      detail TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_log_username_idx ON audit_log (username, id);
    CREATE INDEX audit_log_method_idx ON audit_log (method, id);
  `,
};
