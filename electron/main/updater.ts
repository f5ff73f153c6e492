import { join } from 'node:path';
import type { Logger } from '../../shared/lib/logger';

/** The part of electron-updater's `autoUpdater` we use. */
export interface Updater {
  logger: {
    info(message?: unknown): void;
    warn(message?: unknown): void;
    error(message?: unknown): void;
  } | null;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export interface UpdaterDeps {
  isPackaged: boolean;
  /** `process.resourcesPath`, where electron-builder writes `app-update.yml`. */
  resourcesPath: string;
  fileExists(path: string): boolean;
  /** Loads electron-updater only when updates are configured: it is not needed otherwise. */
  loadUpdater(): Promise<Updater>;
  log: Logger;
  intervalMs?: number;
}

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

/**
 * Checks for updates now and every 6 h, only in a packaged build whose packaging configured a
 * feed (electron-builder writes `app-update.yml` only then). The station is often offline, so
 * every failure is logged and swallowed. Resolves with a stop function, or null when disabled.
 */
export async function startUpdater(deps: UpdaterDeps): Promise<(() => void) | null> {
  const { log } = deps;
  if (!deps.isPackaged) return null;
  let updater: Updater;
  try {
    if (!deps.fileExists(join(deps.resourcesPath, 'app-update.yml'))) {
      log.info({}, 'no update feed configured; updates are off');
      return null;
    }
    updater = await deps.loadUpdater();
  } catch (error) {
    log.error({ err: error }, 'could not start the updater');
    return null;
  }
  updater.logger = {
    info: (message) => log.info({ updater: String(message) }),
    warn: (message) => log.warn({ updater: String(message) }),
    error: (message) => log.error({ updater: String(message) }),
  };
  updater.on('error', (error) => log.warn({ err: error }, 'update failed'));
  const check = async () => {
    try {
      await updater.checkForUpdatesAndNotify();
    } catch (error) {
      log.warn({ err: error }, 'update check failed');
    }
  };
  void check();
  const timer = setInterval(() => void check(), deps.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
  // The timer alone must not keep the app alive after its windows have closed.
  timer.unref();
  return () => clearInterval(timer);
}
