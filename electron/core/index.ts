// Core entry under Electron: runs in a utilityProcess forked by main, never in main itself
// (better-sqlite3 is synchronous). Talks to main only through `process.parentPort`.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import type { CoreInit, CoreMessage, CoreRequest } from '../../shared/contract/core-protocol';
import { createCore, type Core } from './core';
import { createFileLogger } from './logging/logger';

/** The part of Electron's utility-process port we use; typed here so core never imports electron. */
interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('electron/core/index.ts must be started as a utility process');
const port = parentPort;

function fail(error: unknown) {
  port.postMessage({
    type: 'fatal',
    message: error instanceof Error ? error.message : String(error),
  } satisfies CoreMessage);
}

async function start(init: CoreInit): Promise<Core> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, logs: { type: 'string' } },
    strict: false,
  });
  const dataDir = typeof values.data === 'string' ? values.data : '';
  if (!dataDir) throw new Error('--data is required');
  const logsDir = typeof values.logs === 'string' ? values.logs : join(dataDir, 'logs');
  const log = createFileLogger(logsDir, 'core');
  const secretKey = Buffer.from(init.secretKey, 'base64');
  const core = await createCore({ dataDir, log, secretKey, autoSync: true });
  core.registry.onEvent((event) =>
    port.postMessage({ type: 'event', event } satisfies CoreMessage),
  );
  return core;
}

let core: Promise<Core> | null = null;
port.on('message', ({ data }) => {
  const message = data as CoreRequest | CoreInit;
  if (message?.type === 'init' && !core) {
    core = start(message);
    core.then(() => port.postMessage({ type: 'ready' } satisfies CoreMessage), fail);
    return;
  }
  if (message?.type !== 'call' || !core) return;
  void core
    .then((ready) =>
      ready.registry.call(message.method, message.input, {
        token: message.token,
        origin: 'desktop',
      }),
    )
    .then((result) =>
      port.postMessage({ type: 'result', id: message.id, result } satisfies CoreMessage),
    )
    .catch(fail);
});
