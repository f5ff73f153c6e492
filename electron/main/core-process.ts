import type { CallEnvelope } from '../../shared/contract/bridge';
import type { CoreMessage, CoreRequest } from '../../shared/contract/core-protocol';
import type { ApiResult } from '../../shared/contract/errors';
import type { AppEvent } from '../../shared/contract/events';
import type { Logger } from '../../shared/lib/logger';

/** The part of Electron's `UtilityProcess` used here. */
export interface CoreChild {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: CoreRequest): void;
  kill(): boolean;
}

export interface CoreProcessOptions {
  /** Starts a new core utility process. */
  fork(): CoreChild;
  log: Logger;
  onEvent(event: AppEvent): void;
  /** The core cannot run (it said so, or keeps dying); the app should tell the user and quit. */
  onFatal(message: string): void;
  /** How long a call may take before it is answered `internal`. */
  timeoutMs?: number;
  /** Unexpected exits tolerated within `restartWindowMs` before giving up. */
  maxRestarts?: number;
  restartWindowMs?: number;
  now?: () => number;
}

export interface CoreProcess {
  /** Resolves with the core's answer, or `internal`; never rejects. */
  call(envelope: CallEnvelope): Promise<ApiResult<unknown>>;
  /** Kills the core for good (app quit); pending calls are answered `internal`. */
  stop(): void;
}

function internal(message: string): ApiResult<unknown> {
  return { ok: false, error: { code: 'internal', message } };
}

function isCoreMessage(value: unknown): value is CoreMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message['type']) {
    case 'ready':
      return true;
    case 'fatal':
      return typeof message['message'] === 'string';
    case 'event':
      return typeof message['event'] === 'object' && message['event'] !== null;
    case 'result': {
      const result = message['result'] as Record<string, unknown> | null | undefined;
      return (
        typeof message['id'] === 'number' &&
        typeof result === 'object' &&
        result !== null &&
        typeof result['ok'] === 'boolean'
      );
    }
    default:
      return false;
  }
}

interface Pending {
  resolve(result: ApiResult<unknown>): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Owns the core utility process: forwards calls with request ids, matches answers, times out
 * calls the core never answers, and restarts a core that dies unexpectedly (within a limit).
 * Calls made while the core is starting wait for its `ready`.
 */
export function startCoreProcess(options: CoreProcessOptions): CoreProcess {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRestarts = options.maxRestarts ?? 3;
  const restartWindowMs = options.restartWindowMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const { log } = options;

  const pending = new Map<number, Pending>();
  let waitingForReady: CoreRequest[] = [];
  let nextId = 1;
  let restarts: number[] = [];
  let child: CoreChild | null = null;
  let ready = false;
  let stopped = false;

  function settle(id: number, result: ApiResult<unknown>): void {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  }

  function failAll(message: string): void {
    waitingForReady = [];
    for (const id of [...pending.keys()]) settle(id, internal(message));
  }

  function shutDown(message: string): void {
    stopped = true;
    const dying = child;
    child = null;
    ready = false;
    failAll(message);
    dying?.kill();
  }

  function spawn(): void {
    const current = options.fork();
    child = current;
    ready = false;
    current.on('message', (message: unknown) => {
      if (child !== current) return;
      if (!isCoreMessage(message)) {
        log.warn({}, 'ignored a malformed message from the core');
        return;
      }
      switch (message.type) {
        case 'ready':
          ready = true;
          for (const request of waitingForReady) current.postMessage(request);
          waitingForReady = [];
          log.info({}, 'core ready');
          return;
        case 'result':
          settle(message.id, message.result);
          return;
        case 'event':
          options.onEvent(message.event);
          return;
        case 'fatal':
          log.error({ message: message.message }, 'core reported a fatal error');
          shutDown('The core stopped');
          options.onFatal(message.message);
          return;
      }
    });
    current.on('exit', (code: number) => {
      if (child !== current) return;
      child = null;
      ready = false;
      failAll('The core process exited');
      const at = now();
      restarts = restarts.filter((time) => at - time < restartWindowMs);
      if (restarts.length >= maxRestarts) {
        log.error({ code, restarts: restarts.length }, 'core keeps exiting; giving up');
        stopped = true;
        options.onFatal(`The Packdesk core stopped unexpectedly (exit code ${code}).`);
        return;
      }
      restarts.push(at);
      log.error({ code }, 'core exited unexpectedly; restarting');
      spawn();
    });
  }

  spawn();

  return {
    call(envelope) {
      if (stopped || !child) return Promise.resolve(internal('The core is not running'));
      const id = nextId++;
      const request: CoreRequest = { type: 'call', id, ...envelope };
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waitingForReady = waitingForReady.filter((queued) => queued.id !== id);
          log.warn({ method: envelope.method, id }, 'core call timed out');
          settle(id, internal('The core did not answer in time'));
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        if (ready) child?.postMessage(request);
        else waitingForReady.push(request);
      });
    },
    stop() {
      if (!stopped) shutDown('The app is quitting');
    },
  };
}
