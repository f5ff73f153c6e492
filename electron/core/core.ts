import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { handlers } from './api/handlers';
import { createRegistry, type Registry } from './api/registry';
import { RateLimiter } from './auth/rate-limiter';
import { openDatabase } from './db/connection';
import type { Logger } from './logging/logger';

export interface CoreOptions {
  /** Folder holding the shop's database and its backups. */
  dataDir: string;
  log: Logger;
  now?: () => number;
}

export interface Core {
  registry: Registry;
  databasePath: string;
  close(): Promise<void>;
}

const MINUTE = 60 * 1000;

/** The headless engine: one database, one registry. Both transports are built on this. */
export function createCore({ dataDir, log, now = Date.now }: CoreOptions): Core {
  mkdirSync(dataDir, { recursive: true });
  const databasePath = join(dataDir, 'shop.sqlite');
  const opened = openDatabase(databasePath);
  if (opened.migration.from !== opened.migration.to) {
    log.info({ ...opened.migration }, 'database migrated');
  }
  const registry = createRegistry(
    {
      db: opened.db,
      now,
      log,
      limiters: {
        loginByUser: new RateLimiter(5, 15 * MINUTE, now),
        loginByOrigin: new RateLimiter(30, 15 * MINUTE, now),
        pin: new RateLimiter(5, 5 * MINUTE, now),
      },
    },
    handlers,
  );
  return { registry, databasePath, close: () => opened.close() };
}
