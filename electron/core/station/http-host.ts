import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_STATUS } from '../../../shared/contract/errors';
import type { Registry } from '../api/registry';
import type { Logger } from '../logging/logger';
import { attachEventSockets, type EventSocketLimits } from './event-sockets';
import { listenerNames } from './listener-names';
import { buildOpenApi } from './openapi';
import { createSetupOverHttp } from './setup-over-http';
import { serveStatic } from './static-files';
import { SECURITY_HEADERS } from '../../../shared/security/headers';

export interface StationOptions {
  registry: Registry;
  log: Logger;
  /** Built renderer folder (`out/renderer`). */
  rendererDir: string;
  host: string;
  port: number;
  version: string;
  /** Tests shorten these; the station keeps the defaults. */
  eventSocketLimits?: Partial<EventSocketLimits>;
}

export interface StationHost {
  url: string;
  port: number;
  /** The one-time code first-run setup over HTTP needs; null when the shop was set up already. */
  setupCode: string | null;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** Well under the usual 1024 descriptors a process may open, leaving room for files and SQLite. */
const MAX_CONNECTIONS = 512;
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

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

/** `application/json`, whatever its parameters (`; charset=utf-8`). */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() || null : null;
}

/**
 * The station: the core's API over HTTP (`POST /api/<domain>/<verb>`) and push events over a
 * WebSocket, plus the built renderer, on one port. It binds loopback unless told otherwise and
 * answers only requests addressed to the names it listens on, so a web page elsewhere cannot
 * reach it through DNS rebinding; API calls and sockets from another site's page are refused,
 * and so is first-run setup without the code printed on the station's console.
 */
export async function startStationHost(options: StationOptions): Promise<StationHost> {
  const { registry, log } = options;
  const openApi = JSON.stringify(buildOpenApi(options.version));
  const setup = await createSetupOverHttp(registry);
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
    // A page of another site may send a "simple" POST (text/plain, a form) without asking first;
    // insisting on JSON makes the browser ask, and Origin says whose page is asking.
    if (!names.isOwnOrigin(request.headers.origin)) {
      return sendJson(response, 403, {
        ok: false,
        error: { code: 'forbidden', message: "Calls from other sites' pages are refused" },
      });
    }
    if (!isJson(request.headers['content-type'])) {
      return sendJson(response, 400, {
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'Send the body with Content-Type: application/json',
        },
      });
    }
    let body: unknown;
    try {
      body = await readJson(request);
    } catch {
      return sendJson(response, 400, {
        ok: false,
        error: { code: 'invalid_input', message: 'The body must be JSON of at most 1 MB' },
      });
    }
    const method = `${match[1]}.${match[2]}`;
    const admitted = setup.admit(method, body);
    if ('refusal' in admitted) {
      return sendJson(response, HTTP_STATUS[admitted.refusal.code], {
        ok: false,
        error: admitted.refusal,
      });
    }
    const result = setup.answer(
      method,
      await registry.call(method, admitted.input, {
        token: bearerToken(request),
        origin: `http:${request.socket.remoteAddress ?? 'unknown'}`,
      }),
    );
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

  // Each connection holds a file descriptor and the process has about a thousand: a client that
  // opens many and sends slowly is cut off before the station runs out of them.
  server.maxConnections = MAX_CONNECTIONS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolveListen());
  });
  // Errors after listening (a failed accept) are the server's own; they must not end the process.
  server.on('error', (error) => log.error({ err: error }, 'station server error'));
  const { port } = server.address() as AddressInfo;
  names = listenerNames(options.host, port);
  const eventSockets = attachEventSockets(server, {
    registry,
    log,
    names,
    limits: options.eventSocketLimits,
  });
  return {
    url: names.url,
    port,
    setupCode: setup.code,
    close: async () => {
      eventSockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
