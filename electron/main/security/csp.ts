/**
 * The Content-Security-Policy main adds to every response; the same policy as the renderer's
 * meta tag. In development only, `script-src` also allows inline scripts because the dev server
 * injects the React Refresh preamble inline; a packaged app never loads from the dev server.
 */
export function contentSecurityPolicy(isDevServer: boolean): string {
  return [
    "default-src 'self'",
    isDevServer ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self' ws: wss:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Response headers with our policy replacing any the response carried, whatever its casing. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  );
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}
