import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../../shared/lib/logger';
import type { SandboxControl } from './control';
import { createControlHandler } from './control-http';
import { ApiError, GRPC } from './errors';
import { parseBody, toJson } from './json';
import { streamOversizedBody } from './oversized-body';
import { createCallCheck } from './openapi/call-check';
import { accountRoutes } from './routes/account';
import { labelRoutes } from './routes/labels';
import { postingRoutes } from './routes/postings';
import { productRoutes } from './routes/products';
import { rfbsRoutes } from './routes/rfbs';
import type { Reply, RouteTable } from './routes/route';
import type { World } from './runtime';

export interface ServerOptions {
  host: string;
  port: number;
  clientId: string;
  apiKey: string;
  /** Where replies that break Ozon's schema are logged; without it they fail (see call-check). */
  replySchemaLog?: Logger | undefined;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const HTML_ERROR_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function errorBody(code: number, message: string): string {
  return JSON.stringify({ code, message, details: [] });
}

function isLoopback(request: IncomingMessage): boolean {
  const address = request.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/**
 * A web page the seller has open can POST to loopback too (a "simple" text/plain POST needs no
 * permission), and the browser names the page in `Origin`. Packdesk, the CLI and the tests
 * call from Node, which sends none; so a POST that names a page came from someone's web page.
 */
function isFromWebPage(request: IncomingMessage): boolean {
  return request.method === 'POST' && request.headers.origin !== undefined;
}

/** `application/json`, whatever its parameters: a page cannot send it without asking first. */
function isJson(request: IncomingMessage): boolean {
  const type = request.headers['content-type'];
  return type?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new ApiError(413, GRPC.invalidArgument, 'request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The sandbox marketplace over HTTP: Ozon's paths, headers, JSON and error bodies, with rate
 * limits and injected faults in front of the routes, and the `/_sandbox/` controls beside them.
 */
export async function startServer(
  world: World,
  control: SandboxControl,
  options: ServerOptions,
): Promise<RunningServer> {
  const routes: RouteTable = {
    ...postingRoutes,
    ...productRoutes,
    ...labelRoutes,
    ...rfbsRoutes,
  };
  Object.assign(
    routes,
    accountRoutes(() => Object.keys(routes).sort()),
  );
  const controlHandler = createControlHandler(control, world);
  const check = createCallCheck(options.replySchemaLog);
  const pendingTimers = new Set<NodeJS.Timeout>();
  let baseUrl = '';

  function send(
    response: ServerResponse,
    status: number,
    body: string | Buffer,
    headers: Record<string, string>,
  ) {
    response.writeHead(status, { 'Content-Length': String(Buffer.byteLength(body)), ...headers });
    response.end(body);
  }

  async function handleControl(request: IncomingMessage, response: ServerResponse, path: string) {
    const json = { 'Content-Type': 'application/json' };
    if (!isLoopback(request)) {
      return send(
        response,
        403,
        errorBody(GRPC.permissionDenied, 'sandbox controls are loopback only'),
        json,
      );
    }
    if (request.method === 'POST' && !isJson(request)) {
      return send(
        response,
        400,
        errorBody(GRPC.invalidArgument, 'send controls with Content-Type: application/json'),
        json,
      );
    }
    try {
      const reply = controlHandler(request.method ?? 'GET', path, await readText(request));
      if ('json' in reply) {
        return send(response, reply.status, JSON.stringify(reply.json), {
          'Content-Type': 'application/json',
        });
      }
      return send(response, reply.status, reply.body, { 'Content-Type': reply.contentType });
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 400;
      const code = error instanceof ApiError ? error.code : GRPC.invalidArgument;
      return send(response, status, errorBody(code, (error as Error).message), {
        'Content-Type': 'application/json',
      });
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? '/', 'http://sandbox').pathname;
    if (isFromWebPage(request)) {
      return send(
        response,
        403,
        errorBody(GRPC.permissionDenied, 'requests from web pages are refused'),
        { 'Content-Type': 'application/json' },
      );
    }
    if (path.startsWith('/_sandbox/')) return handleControl(request, response, path);
    const json = { 'Content-Type': 'application/json' };
    const route = routes[path];
    response.once('close', () =>
      world.requests.record({
        path,
        status: response.writableFinished ? response.statusCode : null,
      }),
    );
    if (!route || request.method !== 'POST') {
      return send(response, 404, errorBody(GRPC.notFound, 'method is not allowed'), json);
    }
    const { state, faults } = world;
    // Every reply of the Ozon API is checked against Ozon's schema on its way out.
    const answer = (status: number, body: string | Buffer, headers: Record<string, string>) => {
      const checked = check.reply(path, status, body);
      if (checked.status === status) return send(response, status, checked.body, headers);
      return send(response, checked.status, checked.body, json);
    };
    if (
      request.headers['client-id'] !== options.clientId ||
      request.headers['api-key'] !== options.apiKey
    ) {
      return answer(
        403,
        errorBody(GRPC.permissionDenied, 'Invalid Api-Key, please check the key and try again'),
        json,
      );
    }
    if (state.clock.now() >= state.credentialsExpireAt) {
      return answer(
        403,
        errorBody(
          GRPC.permissionDenied,
          'Api-key is deactivated, use another one or generate a new one',
        ),
        json,
      );
    }
    const limit = world.globalLimit.take(options.clientId);
    const methodLimit = world.methodLimits.get(path)?.take(options.clientId);
    const headers = { ...json, 'Ratelimit-Remaining': String(limit.remaining) };
    if (!limit.ok || (methodLimit && !methodLimit.ok)) {
      const retryAfter = Math.max(limit.retryAfterSeconds, methodLimit?.retryAfterSeconds ?? 0);
      return answer(
        429,
        errorBody(GRPC.resourceExhausted, 'You have reached request rate limit per second'),
        { ...headers, 'Ratelimit-Remaining': '0', 'Retry-After': String(retryAfter) },
      );
    }

    const text = await readText(request);
    const fault = faults.draw(path, route.isList === true);
    switch (fault?.kind) {
      case 'reset_before_effect':
        request.socket.destroy();
        return;
      case 'rate_limit':
        return answer(
          429,
          errorBody(GRPC.resourceExhausted, 'You have reached request rate limit per second'),
          {
            ...headers,
            'Ratelimit-Remaining': '0',
            'Retry-After': String(fault.retryAfterSeconds ?? 1),
          },
        );
      case 'server_error': {
        const status = fault.status ?? 500;
        const code = status === 503 ? GRPC.unavailable : GRPC.internal;
        return answer(
          status,
          errorBody(code, status === 503 ? 'Service Unavailable' : 'Internal error'),
          headers,
        );
      }
      case 'html_error':
        return send(response, 502, HTML_ERROR_PAGE, { 'Content-Type': 'text/html' });
      case 'oversized_body':
        return streamOversizedBody(response, path, fault.bytes);
      case 'slow':
        await sleep(fault.delayMs ?? 2_000);
        break;
      default:
        break;
    }

    let reply: Reply;
    try {
      const body = parseBody(text);
      check.request(path, text);
      reply = route.handle(body, { state, baseUrl, fault, rng: world.rng });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return answer(error.status, errorBody(error.code, error.message), headers);
    }

    if (fault?.kind === 'timeout_after_effect') {
      // The effect has happened; the client never learns it. It must read back before retrying.
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        request.socket.destroy();
      }, fault.delayMs ?? 10_000);
      pendingTimers.add(timer);
      return;
    }
    const status = reply.status ?? 200;
    if ('pdf' in reply)
      return answer(status, reply.pdf, { ...headers, 'Content-Type': 'application/pdf' });
    const body = toJson(reply.json);
    // Broken on purpose: the fault's point is a reply no schema describes.
    if (fault?.kind === 'truncated_json') {
      return send(
        response,
        status,
        body.slice(0, Math.max(1, Math.floor(body.length / 2))),
        headers,
      );
    }
    return answer(status, body, headers);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      const status = error instanceof ApiError ? error.status : 500;
      const code = error instanceof ApiError ? error.code : GRPC.internal;
      const message = error instanceof ApiError ? error.message : 'Internal error';
      send(response, status, errorBody(code, message), { 'Content-Type': 'application/json' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return {
    url: baseUrl,
    close: async () => {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      check.assertNoBrokenReplies();
    },
  };
}
