import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parse } from 'lossless-json';

/**
 * A loopback HTTP server that answers like Ozon with canned replies: real sockets on 127.0.0.1,
 * so timeouts, resets and headers behave as they do against the real API. Replies are written
 * as raw text, so ids above 2^53 reach the connector exactly as Ozon would send them.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The body as sent. */
  text: string;
  /** The body parsed losslessly (numbers are LosslessNumber). */
  body: any;
}

export type Route = (
  request: RecordedRequest,
  response: ServerResponse,
  socket: Socket,
) => void | Promise<void>;

export interface FakeOzon {
  url: string;
  requests: RecordedRequest[];
  /** Requests to one path, in order. */
  calls(path: string): RecordedRequest[];
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

export async function startFakeOzon(routes: Record<string, Route> = {}): Promise<FakeOzon> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      let body: unknown = null;
      try {
        body = text === '' ? null : parse(text);
      } catch {
        body = undefined;
      }
      const recorded = { method: req.method ?? '', path, headers: req.headers, text, body };
      requests.push(recorded);
      const handler = table.get(path);
      if (!handler) {
        sendJson(res, 404, '{"code":5,"message":"method is not allowed","details":[]}');
        return;
      }
      void Promise.resolve(handler(recorded, res, req.socket)).catch((error: unknown) => {
        sendJson(res, 500, JSON.stringify({ code: 13, message: String(error) }));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    calls: (path) => requests.filter((request) => request.path === path),
    route: (path, handler) => table.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        // Held sockets (the "reply never comes" tests) would keep close() waiting forever.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(text);
}

/** A route that always answers with this status and raw JSON text. */
export function json(status: number, text: string, headers: Record<string, string> = {}): Route {
  return (_request, res) => sendJson(res, status, text, headers);
}

/** A tiny but real-looking PDF. */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n',
  'latin1',
);

export function sendPdf(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/pdf' });
  res.end(PDF_BYTES);
}
