import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

/**
 * Serves the built renderer. Unknown paths get `index.html` so a reload on any screen works;
 * paths are resolved inside `root` only, so `..` cannot leave it.
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
  let file = inside ? candidate : join(base, 'index.html');
  try {
    if (!statSync(file).isFile()) file = join(base, 'index.html');
  } catch {
    file = join(base, 'index.html');
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
