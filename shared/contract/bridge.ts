import type { ApiResult } from './errors';
import type { AppEvent } from './events';
import type { MethodName } from './methods';

/**
 * The one object the preload exposes to the page as `window.packdesk`. In a browser against the
 * station the renderer builds the same shape over HTTP and WebSocket, so the UI cannot tell the
 * transports apart.
 */
export interface PackdeskBridge {
  call(method: MethodName, input: unknown, token: string | null): Promise<ApiResult<unknown>>;
  /** Subscribe to push events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
}

/** What travels over IPC from preload to main to core for one call. */
export interface CallEnvelope {
  method: MethodName;
  input: unknown;
  token: string | null;
}
