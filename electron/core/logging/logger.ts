import { mkdirSync } from 'node:fs';
import pino from 'pino';
import { createStream } from 'rotating-file-stream';
import { REDACT_PATHS, type Logger } from '../../../shared/lib/logger';

export type { Logger };

/**
 * A pino logger writing to `<dir>/<name>.log`, rotated daily and at 10 MB, 14 files kept.
 * Secrets are redacted by path before a line is written.
 */
export function createFileLogger(dir: string, name: string, level = 'info'): Logger {
  mkdirSync(dir, { recursive: true });
  const stream = createStream(`${name}.log`, {
    path: dir,
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
