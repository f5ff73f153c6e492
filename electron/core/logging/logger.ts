import pino from 'pino';
import { createStream } from 'rotating-file-stream';
import { REDACT_PATHS, type Logger } from '../../../shared/lib/logger';
import { makePrivateDir, makePrivateFilesIn, PRIVATE_FILE_MODE } from '../lib/private-files';

export type { Logger };

/**
 * A pino logger writing to `<dir>/<name>.log`, rotated daily and at 10 MB, 14 files kept.
 * Secrets are redacted by path before a line is written. The folder is owner-only (0700) and
 * so is every log in it (0600), including those other processes write there (main's, under
 * Electron) and those left from before.
 */
export function createFileLogger(dir: string, name: string, level = 'info'): Logger {
  makePrivateDir(dir);
  makePrivateFilesIn(dir);
  const stream = createStream(`${name}.log`, {
    path: dir,
    mode: PRIVATE_FILE_MODE,
    size: '10M',
    interval: '1d',
    maxFiles: 14,
  });
  return pino({ name, level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream);
}

/** For tests and tools: lines to stderr, same redaction. */
export function createConsoleLogger(name: string, level = 'warn'): Logger {
  return pino(
    { name, level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    pino.destination(2),
  );
}
