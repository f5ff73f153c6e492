import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Registry } from '../api/registry';
import type { Logger } from '../logging/logger';
import type { ListenerNames } from './listener-names';

/** Close code for a socket whose first message does not carry a live session's token. */
const UNAUTHENTICATED = 4401;
/** The only message a client sends is `{"token":"…"}`; anything longer is not ours. */
const MAX_MESSAGE_BYTES = 4096;
const FIRST_MESSAGE_MS = 5000;

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
  { registry, log, names }: { registry: Registry; log: Logger; names: ListenerNames },
): EventSockets {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  sockets.on('error', (error) => log.warn({ err: error }, 'event socket server error'));

  function refuse(socket: Duplex, status: 403 | 404, reason: string) {
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
    sockets.handleUpgrade(request, socket, head, (ws) => accept(ws));
  }

  function accept(ws: WebSocket) {
    // ws has already answered a bad frame with its close code; nothing else is to be done.
    ws.on('error', (error) => log.debug({ err: error }, 'event socket closed on a bad frame'));
    const timer = setTimeout(() => ws.close(UNAUTHENTICATED, 'unauthenticated'), FIRST_MESSAGE_MS);
    let unsubscribe: (() => void) | null = null;
    ws.once('message', async (raw) => {
      clearTimeout(timer);
      const token = tokenOf(raw);
      // The session's events only, and the socket closes as soon as the session ends.
      unsubscribe = token
        ? await registry.subscribe(
            token,
            (event) => ws.send(JSON.stringify(event)),
            () => ws.close(UNAUTHENTICATED, 'session ended'),
          )
        : null;
      if (!unsubscribe) return ws.close(UNAUTHENTICATED, 'unauthenticated');
      // Closed while the session was being checked: nothing is left to deliver to.
      if (ws.readyState !== ws.OPEN) return unsubscribe();
      ws.send(JSON.stringify({ name: 'ready', at: Date.now() }));
    });
    ws.on('close', () => {
      clearTimeout(timer);
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
