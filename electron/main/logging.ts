import { chmodSync, mkdirSync } from 'node:fs';
import pino from 'pino';
import { createStream } from 'rotating-file-stream';
import { REDACT_PATHS, type Logger } from '../../shared/lib/logger';

/**
 * Main's pino logger: `<dir>/main.log`, rotated daily and at 10 MB, 14 files kept, secrets
 * redacted by path before a line is written.
 */
export function createMainLogger(dir: string, level = 'info'): Logger {
  // Owner-only, like the core's logs beside it (the core also tightens older files at start).
  // mkdir's mode only applies to a folder it creates, so an existing one is tightened too.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
  const stream = createStream('main.log', {
    path: dir,
    size: '10M',
    interval: '1d',
    maxFiles: 14,
    mode: 0o600,
  });
  return pino(
    { name: 'main', level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    stream,
  );
}

/**
 * Logs crashes of the main process. `uncaughtExceptionMonitor` observes without replacing
 * Electron's own handling of the exception (its error dialog).
 */
export function logCrashes(log: Logger, target: Pick<NodeJS.Process, 'on'>): void {
  target.on('uncaughtExceptionMonitor', (error, origin) => {
    log.error({ err: error, origin }, 'uncaught exception in main');
  });
  target.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection in main');
  });
}
