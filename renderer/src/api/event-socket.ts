import { EVENT_DOMAINS, type AppEvent } from '../../../shared/contract/events';
import type { ConnectionState } from './transport';

/** Close code the station uses when the first message does not carry a valid session token. */
const UNAUTHENTICATED_CLOSE = 4401;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

const EVENT_NAMES = new Set<string>(EVENT_DOMAINS.map((domain) => `${domain}.changed`));

function parseEvent(data: unknown): AppEvent | 'ready' | null {
  if (typeof data !== 'string') return null;
  try {
    const message = JSON.parse(data) as { name?: unknown; at?: unknown };
    if (message.name === 'ready') return 'ready';
    if (typeof message.name === 'string' && EVENT_NAMES.has(message.name)) {
      return { name: message.name as AppEvent['name'], at: Number(message.at) || Date.now() };
    }
  } catch {
    // A malformed frame is ignored; the next invalidation or reconnect catches up.
  }
  return null;
}

/**
 * The station's push channel: a WebSocket that sends the token first and waits for `ready`.
 * It reconnects with capped exponential backoff and jitter whenever it drops, and starts over
 * whenever the token changes (sign-in, operator switch, sign-out).
 */
export function createEventSocket(url: string) {
  let token: string | null = null;
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'idle';
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const stateListeners = new Set<() => void>();
  const eventListeners = new Set<(event: AppEvent) => void>();
  const rejectedListeners = new Set<() => void>();

  function setState(next: ConnectionState) {
    if (next === state) return;
    state = next;
    stateListeners.forEach((listener) => listener());
  }

  function drop() {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    if (!socket) return;
    const old = socket;
    socket = null;
    // Detach first, so closing on purpose is not mistaken for a lost connection.
    old.onopen = old.onmessage = old.onclose = old.onerror = null;
    old.close(1000);
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
    attempt += 1;
    retryTimer = setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
  }

  function connect() {
    drop();
    if (!token) return setState('idle');
    const sentToken = token;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ token: sentToken }));
    ws.onmessage = (message) => {
      const parsed = parseEvent(message.data);
      if (parsed === 'ready') {
        attempt = 0;
        setState('connected');
      } else if (parsed) {
        eventListeners.forEach((listener) => listener(parsed));
      }
    };
    ws.onclose = (closed) => {
      socket = null;
      setState('reconnecting');
      if (closed.code === UNAUTHENTICATED_CLOSE)
        rejectedListeners.forEach((listener) => listener());
      scheduleRetry();
    };
  }

  // Coming back online is the best moment to retry; no need to wait out the backoff.
  window.addEventListener('online', () => {
    if (token && state !== 'connected') {
      attempt = 0;
      connect();
    }
  });

  return {
    setToken(next: string | null) {
      if (next === token) return;
      token = next;
      attempt = 0;
      setState(next ? 'connecting' : 'idle');
      connect();
    },
    getState: () => state,
    onStateChange(listener: () => void) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onEvent(listener: (event: AppEvent) => void) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onRejected(listener: () => void) {
      rejectedListeners.add(listener);
      return () => rejectedListeners.delete(listener);
    },
  };
}
