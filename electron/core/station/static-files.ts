import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_TYPES } from '../../../shared/security/headers';

/**
 * Serves the built renderer. Screens are hash routes (`#/orders`) the server never sees, so
 * every screen is `/`; any other path without a file extension gets `index.html` too, so a
 * typed or old link still opens the app. A path naming a file that is not there is a 404 (a
 * script, style or picture must never receive the page instead). Paths are resolved inside
 * `root` only, so `..` cannot leave it.
 */
export function serveStatic(root: string, urlPath: string, response: ServerResponse): void {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    decoded = '/';
  }
  const candidate = resolve(join(base, normalize(decoded)));
  const inside = candidate === base || candidate.startsWith(base + sep);
  const file = inside && isFile(candidate) ? candidate : join(base, 'index.html');
  if (file !== candidate && extname(decoded) !== '') {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Not found');
    return;
  }
  const isIndex = file.endsWith('index.html');
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    // Hashed asset names change on every build; the page itself must always be fresh.
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
