import { isAppSchemeUrl } from './app-scheme';

export type RequestPath =
  | { kind: 'file'; segments: string[] }
  | { kind: 'refused'; reason: 'foreign origin' | 'dot segment' | 'unsafe segment' };

/** `.`, `..` and their percent-encoded spellings, as a whole segment of the path. */
const DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){1,2}(?=[/\\]|$)/i;

/**
 * A name the build can produce (`index.html`, `assets/index-B1x_9Qz.js`). It cannot hold a
 * separator (`/`, `\`, or their `%2f`/`%5c` spellings once decoded), a drive letter's `:`, a
 * NUL, a `%` left over from double encoding, or start with a dot, so joining the segments to the
 * renderer folder can never leave it.
 */
const SAFE_SEGMENT = /^[A-Za-z0-9_~@+-][A-Za-z0-9._~@+-]*$/;

/**
 * Which file of the built renderer an `app://packdesk/…` URL names. Chromium already removes
 * dot segments before a request reaches the handler; they are refused here anyway, on the raw
 * text, so the handler does not depend on that.
 */
export function resolveRequestPath(rawUrl: string): RequestPath {
  if (!isAppSchemeUrl(rawUrl)) return { kind: 'refused', reason: 'foreign origin' };
  const [beforeQuery = ''] = rawUrl.split(/[?#]/, 1);
  if (DOT_SEGMENT.test(beforeQuery)) return { kind: 'refused', reason: 'dot segment' };

  const { pathname } = new URL(rawUrl);
  if (pathname === '' || pathname === '/') return { kind: 'file', segments: ['index.html'] };
  const segments: string[] = [];
  // An empty segment (`app://packdesk//etc/passwd`) is refused like any other unsafe name.
  for (const encoded of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return { kind: 'refused', reason: 'unsafe segment' };
    }
    if (!SAFE_SEGMENT.test(segment)) return { kind: 'refused', reason: 'unsafe segment' };
    segments.push(segment);
  }
  return { kind: 'file', segments };
}
