import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Logger } from '../../../shared/lib/logger';
import { CONTENT_TYPES, SECURITY_HEADERS } from '../../../shared/security/headers';
import { APP_SCHEME } from './app-scheme';
import { resolveRequestPath } from './request-path';

export interface AppFileHandlerDeps {
  /** The built renderer folder, `out/renderer`; nothing outside it is ever read. */
  rendererDir: string;
  log: Logger;
}

export type AppFileHandler = (request: Pick<Request, 'url' | 'method'>) => Promise<Response>;

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/**
 * Answers `app://packdesk/…` from the built renderer with `node:fs` (not `net.fetch` of a
 * file: URL, which would need the file privileges this scheme replaces).
 */
export function createAppFileHandler(deps: AppFileHandlerDeps): AppFileHandler {
  return async (request) => {
    const path = resolveRequestPath(request.url);
    if (path.kind === 'refused') {
      deps.log.warn({ url: request.url, reason: path.reason }, 'app:// request refused');
      return plain(403, 'Forbidden');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method not allowed');
    }
    const file = join(deps.rendererDir, ...path.segments);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (error) {
      if (isMissing(error)) return plain(404, 'Not found');
      deps.log.error({ url: request.url, err: error }, 'app:// file could not be read');
      return plain(500, 'Internal error');
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': String(body.length),
      },
    });
  };
}

/** Call once `app` is ready, before the window loads its page. */
export function serveAppScheme(protocol: Pick<Protocol, 'handle'>, deps: AppFileHandlerDeps): void {
  protocol.handle(APP_SCHEME, createAppFileHandler(deps));
}
