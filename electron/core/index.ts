// Core entry under Electron: runs in a utilityProcess forked by main, never in main itself
// (better-sqlite3 is synchronous). Talks to main only through `process.parentPort`.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import type { CoreMessage, CoreRequest } from '../../shared/contract/core-protocol';
import { createCore } from './core';
import { createFileLogger } from './logging/logger';

/** The part of Electron's utility-process port we use; typed here so core never imports electron. */
interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('electron/core/index.ts must be started as a utility process');
const port = parentPort;

try {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, logs: { type: 'string' } },
    strict: false,
  });
  const dataDir = typeof values.data === 'string' ? values.data : '';
  if (!dataDir) throw new Error('--data is required');
  const logsDir = typeof values.logs === 'string' ? values.logs : join(dataDir, 'logs');
  const log = createFileLogger(logsDir, 'core');
  const core = createCore({ dataDir, log });
  core.registry.onEvent((event) =>
    port.postMessage({ type: 'event', event } satisfies CoreMessage),
  );
  port.on('message', ({ data }) => {
    const request = data as CoreRequest;
    if (request?.type !== 'call') return;
    void core.registry
      .call(request.method, request.input, { token: request.token, origin: 'desktop' })
      .then((result) =>
        port.postMessage({ type: 'result', id: request.id, result } satisfies CoreMessage),
      );
  });
  port.postMessage({ type: 'ready' } satisfies CoreMessage);
} catch (error) {
  port.postMessage({
    type: 'fatal',
    message: error instanceof Error ? error.message : String(error),
  } satisfies CoreMessage);
}
