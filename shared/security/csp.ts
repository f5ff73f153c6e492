/**
 * The one Content-Security-Policy of the page, wherever it is served from: Electron's main
 * process adds it as a header, the station sends it with every response, and the build writes
 * it into `renderer/index.html`'s meta tag. One source, so the three cannot drift apart.
 */
export interface PolicyOptions {
  /**
   * The dev server injects React Refresh's preamble inline; only then may inline scripts run.
   * A packaged app and the station never load from the dev server.
   */
  devServer?: boolean;
  /** `frame-ancestors` only works in a header; a meta tag must leave it out. */
  asHeader?: boolean;
}

export function contentSecurityPolicy({ devServer = false, asHeader = true }: PolicyOptions = {}) {
  return [
    "default-src 'self'",
    devServer ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // Product photos come from the marketplace's CDN over HTTPS, and the Demo store's from the
    // sandbox marketplace on loopback; images cannot run code.
    "img-src 'self' data: blob: https: http://127.0.0.1:*",
    // The counter's verdict sounds, bundled with the page (small ones inlined as data:).
    "media-src 'self' data: blob:",
    "connect-src 'self' ws: wss:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    ...(asHeader ? ["frame-ancestors 'none'"] : []),
    "form-action 'self'",
  ].join('; ');
}
