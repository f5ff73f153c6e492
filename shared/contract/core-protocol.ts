import type { ApiResult } from './errors';
import type { CallEnvelope } from './bridge';
import type { AppEvent } from './events';

/** Messages from main to the core's utility process. */
export type CoreRequest = { type: 'call'; id: number } & CallEnvelope;

/**
 * The first message main sends: the secret key that seals marketplace API keys, kept by main
 * under the OS keychain (safeStorage). It travels over the process port, never argv or env.
 */
export interface CoreInit {
  type: 'init';
  secretKey: string;
}

/** Messages from the core's utility process to main. */
export type CoreMessage =
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'event'; event: AppEvent }
  | { type: 'ready' }
  | { type: 'fatal'; message: string };
