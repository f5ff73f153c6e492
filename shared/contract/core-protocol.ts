import type { ApiResult } from './errors';
import type { CallEnvelope } from './bridge';
import type { AppEvent } from './events';

/** Messages from main to the core's utility process. */
export type CoreRequest = { type: 'call'; id: number } & CallEnvelope;

/** Messages from the core's utility process to main. */
export type CoreMessage =
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'event'; event: AppEvent }
  | { type: 'ready' }
  | { type: 'fatal'; message: string };
