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

/**
 * Where marketplaces keep product pictures. Ozon's Seller API answers `primary_image` and
 * `images[]` on its CDN (`https://cdn1.ozone.ru/s3/multimedia-…/….jpg` in its published
 * schema); its other files sit on sibling hosts of the same domain (`cdn.ozone.ru`,
 * `cdn2.ozone.ru`), so the whole domain Ozon serves content from is allowed.
 */
const MARKETPLACE_PICTURE_HOSTS = ['https://*.ozone.ru'] as const;

export function contentSecurityPolicy({ devServer = false, asHeader = true }: PolicyOptions = {}) {
  return [
    "default-src 'self'",
    devServer ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // Product pictures come from the marketplaces' picture hosts, and the Demo store's from the
    // sandbox marketplace on loopback. Only named hosts: a picture URL to any other host is a
    // way to carry data out of the page.
    `img-src 'self' data: blob: ${MARKETPLACE_PICTURE_HOSTS.join(' ')} http://127.0.0.1:*`,
    // The counter's verdict sounds, bundled with the page (small ones inlined as data:).
    "media-src 'self' data: blob:",
    // The API and the push socket are the page's own origin ('self' covers ws: to it as well).
    "connect-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    ...(asHeader ? ["frame-ancestors 'none'"] : []),
    "form-action 'self'",
  ].join('; ');
}
