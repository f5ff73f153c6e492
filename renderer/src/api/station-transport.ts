import type { PackdeskBridge } from '../../../shared/contract/bridge';
import type { ApiResult } from '../../../shared/contract/errors';
import type { AppEvent } from '../../../shared/contract/events';
import { createEventSocket } from './event-socket';
import type { Transport } from './transport';

async function postCall(method: string, input: unknown, token: string | null) {
  const [domain, verb] = method.split('.');
  const response = await fetch(`/api/${domain}/${verb}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(input ?? {}),
    credentials: 'omit',
    cache: 'no-store',
  });
  try {
    // The station answers an ApiResult whatever the status; a proxy or a crash might not.
    return (await response.json()) as ApiResult<unknown>;
  } catch {
    return {
      ok: false,
      error: { code: 'internal', message: `HTTP ${response.status} without an API result` },
    } satisfies ApiResult<unknown>;
  }
}

/** The same bridge as the preload's, over `POST /api/<domain>/<verb>` and `/api/events`. */
export function createStationTransport(): Transport {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = createEventSocket(`${scheme}//${location.host}/api/events`);
  const listeners = new Set<(event: AppEvent) => void>();
  socket.onEvent((event) => listeners.forEach((listener) => listener(event)));

  const bridge: PackdeskBridge = {
    call: postCall,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    kind: 'station',
    bridge,
    setToken: socket.setToken,
    getConnection: socket.getState,
    onConnectionChange: socket.onStateChange,
    onTokenRejected: socket.onRejected,
  };
}
