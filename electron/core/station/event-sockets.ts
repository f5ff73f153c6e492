import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Registry } from '../api/registry';
import type { Logger } from '../logging/logger';
import { addressKey } from '../auth/address-key';
import type { ListenerNames } from './listener-names';

/** Close code for a socket whose first message does not carry a live session's token. */
const UNAUTHENTICATED = 4401;
/** The only message a client sends is `{"token":"…"}`; anything longer is not ours. */
const MAX_MESSAGE_BYTES = 4096;

/**
 * How long and how many sockets may sit open without a session. Each holds a file descriptor,
 * and the process has about a thousand; sockets nobody has signed in on must never take them all.
 */
export interface EventSocketLimits {
  /** Time from the upgrade to the token message; a silent socket is dropped after it. */
  firstMessageMs: number;
  /** Sockets still without a session per caller (`addressKey`: all of loopback is one). */
  unauthenticatedPerAddress: number;
  /** Sockets still without a session, all callers together. */
  unauthenticatedTotal: number;
}

const DEFAULT_LIMITS: EventSocketLimits = {
  firstMessageMs: 5000,
  unauthenticatedPerAddress: 32,
  unauthenticatedTotal: 128,
};
/** A closing socket whose peer does not answer the close frame is dropped after this. */
const CLOSE_TIMEOUT_MS = 2000;

/** Closes with a code the page acts on, without waiting ws's 30 s for a peer that never answers. */
function closeSoon(ws: WebSocket, reason: string) {
  ws.close(UNAUTHENTICATED, reason);
  setTimeout(() => ws.terminate(), CLOSE_TIMEOUT_MS).unref();
}

function tokenOf(raw: RawData): string | null {
  try {
    const parsed = JSON.parse(String(raw)) as { token?: unknown };
    return typeof parsed.token === 'string' ? parsed.token : null;
  } catch {
    return null;
  }
}

export interface EventSockets {
  close(): void;
}

/**
 * Push events at `/api/events`. Browsers cannot set headers on a WebSocket, so the first message
 * carries the token; an unauthenticated socket is closed, an authenticated one gets what its
 * role may read until its session ends, and is then closed (4401). A socket that misbehaves (a
 * frame too large, unmasked, not UTF-8, of an unknown kind) is closed with the protocol's code;
 * it never takes the station down with it.
 */
export function attachEventSockets(
  server: Server,
  {
    registry,
    log,
    names,
    limits: limitOverrides = {},
  }: {
    registry: Registry;
    log: Logger;
    names: ListenerNames;
    limits?: Partial<EventSocketLimits> | undefined;
  },
): EventSockets {
  const limits = { ...DEFAULT_LIMITS, ...limitOverrides };
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  sockets.on('error', (error) => log.warn({ err: error }, 'event socket server error'));
  /** Sockets upgraded or upgrading that have no session yet, per caller. */
  const unauthenticated = new Map<string, number>();
  let unauthenticatedTotal = 0;

  /** Counts one socket without a session; the returned function uncounts it, once. */
  function countUnauthenticated(caller: string): (() => void) | null {
    const ofCaller = unauthenticated.get(caller) ?? 0;
    if (
      ofCaller >= limits.unauthenticatedPerAddress ||
      unauthenticatedTotal >= limits.unauthenticatedTotal
    ) {
      return null;
    }
    unauthenticated.set(caller, ofCaller + 1);
    unauthenticatedTotal += 1;
    let counted = true;
    return () => {
      if (!counted) return;
      counted = false;
      unauthenticatedTotal -= 1;
      const left = (unauthenticated.get(caller) ?? 1) - 1;
      if (left > 0) unauthenticated.set(caller, left);
      else unauthenticated.delete(caller);
    };
  }

  function refuse(socket: Duplex, status: 403 | 404 | 503, reason: string) {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    // A reset during the handshake must not become an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    const path = new URL(request.url ?? '/', 'http://station').pathname;
    if (path !== '/api/events' || !names.isOwnHost(request.headers.host)) {
      return refuse(socket, 404, 'Not Found');
    }
    // Any page the browser shows may open a WebSocket to loopback; only our own pages may.
    if (!names.isOwnOrigin(request.headers.origin)) return refuse(socket, 403, 'Forbidden');
    const uncount = countUnauthenticated(addressKey(request.socket.remoteAddress));
    if (!uncount) return refuse(socket, 503, 'Service Unavailable');
    // Dropped mid-handshake: ws then never hands the socket over.
    socket.once('close', uncount);
    sockets.handleUpgrade(request, socket, head, (ws) => accept(ws, uncount));
  }

  function accept(ws: WebSocket, uncount: () => void) {
    // ws has already answered a bad frame with its close code; nothing else is to be done.
    ws.on('error', (error) => log.debug({ err: error }, 'event socket closed on a bad frame'));
    // A caller that says nothing gets no close handshake to stall on: its descriptor is freed now.
    const timer = setTimeout(() => ws.terminate(), limits.firstMessageMs);
    let unsubscribe: (() => void) | null = null;
    ws.once('message', async (raw) => {
      clearTimeout(timer);
      const token = tokenOf(raw);
      // The session's events only, and the socket closes as soon as the session ends.
      unsubscribe = token
        ? await registry.subscribe(
            token,
            (event) => ws.send(JSON.stringify(event)),
            () => closeSoon(ws, 'session ended'),
          )
        : null;
      if (!unsubscribe) return closeSoon(ws, 'unauthenticated');
      // Closed while the session was being checked: nothing is left to deliver to.
      if (ws.readyState !== ws.OPEN) return unsubscribe();
      uncount();
      ws.send(JSON.stringify({ name: 'ready', at: Date.now() }));
    });
    ws.on('close', () => {
      clearTimeout(timer);
      uncount();
      unsubscribe?.();
    });
  }

  server.on('upgrade', onUpgrade);

  return {
    close() {
      server.off('upgrade', onUpgrade);
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
    },
  };
}
