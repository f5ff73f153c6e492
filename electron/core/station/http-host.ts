import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_STATUS } from '../../../shared/contract/errors';
import type { Registry } from '../api/registry';
import type { Logger } from '../logging/logger';
import { attachEventSockets } from './event-sockets';
import { listenerNames } from './listener-names';
import { buildOpenApi } from './openapi';
import { serveStatic } from './static-files';
import { contentSecurityPolicy } from '../../../shared/security/csp';

export interface StationOptions {
  registry: Registry;
  log: Logger;
  /** Built renderer folder (`out/renderer`). */
  rendererDir: string;
  host: string;
  port: number;
  version: string;
}

export interface StationHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** The page's policy, sent as a header so it holds for every response (API and files alike). */
const SECURITY_HEADERS = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

function sendJson(response: ServerResponse, status: number, body: unknown, headers = {}) {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}

function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() || null : null;
}

/**
 * The station: the core's API over HTTP (`POST /api/<domain>/<verb>`) and push events over a
 * WebSocket, plus the built renderer, on one port. It binds loopback unless told otherwise and
 * answers only requests addressed to the names it listens on, so a web page elsewhere cannot
 * reach it through DNS rebinding.
 */
export async function startStationHost(options: StationOptions): Promise<StationHost> {
  const { registry, log } = options;
  const openApi = JSON.stringify(buildOpenApi(options.version));
  // Known once listening (the port may be chosen by the system); no request comes before.
  let names = listenerNames(options.host, options.port);

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://station');
    if (!names.isOwnHost(request.headers.host)) {
      return sendJson(response, 421, {
        ok: false,
        error: { code: 'forbidden', message: 'Unknown host name' },
      });
    }
    if (!url.pathname.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return sendJson(response, 405, {
          ok: false,
          error: { code: 'not_found', message: 'Only GET here' },
        });
      }
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
      return serveStatic(options.rendererDir, url.pathname, response);
    }
    if (url.pathname === '/api/health' && request.method === 'GET') {
      return sendJson(response, 200, {
        ok: true,
        data: {
          status: 'ok',
          version: options.version,
          uptimeSeconds: Math.round(process.uptime()),
        },
      });
    }
    if (url.pathname === '/api/openapi.json' && request.method === 'GET') {
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/json; charset=utf-8',
      });
      return response.end(openApi);
    }
    const match = /^\/api\/([a-zA-Z]+)\/([a-zA-Z]+)$/.exec(url.pathname);
    if (!match || request.method !== 'POST') {
      return sendJson(response, 404, {
        ok: false,
        error: { code: 'not_found', message: 'No such API path; see /api/openapi.json' },
      });
    }
    let input: unknown;
    try {
      input = await readJson(request);
    } catch {
      return sendJson(response, 400, {
        ok: false,
        error: { code: 'invalid_input', message: 'The body must be JSON of at most 1 MB' },
      });
    }
    const result = await registry.call(`${match[1]}.${match[2]}`, input, {
      token: bearerToken(request),
      origin: `http:${request.socket.remoteAddress ?? 'unknown'}`,
    });
    if (result.ok) return sendJson(response, 200, result);
    const retry = result.error.retryAfterSeconds;
    return sendJson(
      response,
      HTTP_STATUS[result.error.code],
      result,
      retry ? { 'Retry-After': String(retry) } : {},
    );
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error({ err: error }, 'station request failed');
      if (!response.headersSent) {
        sendJson(response, 500, {
          ok: false,
          error: { code: 'internal', message: 'Internal error' },
        });
      } else response.destroy();
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolveListen());
  });
  // Errors after listening (a failed accept) are the server's own; they must not end the process.
  server.on('error', (error) => log.error({ err: error }, 'station server error'));
  const { port } = server.address() as AddressInfo;
  names = listenerNames(options.host, port);
  const eventSockets = attachEventSockets(server, { registry, log, names });
  const hostName = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${hostName}:${port}`;
  return {
    url,
    port,
    close: async () => {
      eventSockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
