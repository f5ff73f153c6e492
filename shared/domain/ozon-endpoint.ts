/** Ozon's Seller API: the one address a real store is reached at, over https only. */
export const OZON_API_URL = 'https://api-seller.ozon.ru';

/** Host names that reach this computer only: where the Demo store's and the tests' sandboxes run. */
export const LOOPBACK_HOSTNAMES = ['127.0.0.1', '[::1]', 'localhost'] as const;

/**
 * Where an Ozon account may send its requests (and its Client-Id and API key): Ozon's own API,
 * or a sandbox marketplace on loopback over plain http, on a port 1–65535. Written out whole, so nothing
 * slips past a URL parser's leniency: no user info (`http://api-seller.ozon.ru@127.0.0.1`), no
 * other port for Ozon, no path, query or fragment. Anything else would let whoever connects a
 * store make Packdesk POST to any address it can reach (a cloud metadata service, the LAN).
 * Lower case only: the contract lower-cases the input first, and the pattern is published as is
 * in the OpenAPI document, where it has no flags.
 */
export const OZON_BASE_URL_PATTERN =
  /^(?:https:\/\/api-seller\.ozon\.ru|http:\/\/(?:127\.0\.0\.1|\[::1\]|localhost)(?::(?:[1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5]))?)\/?$/;

export function isAllowedOzonBaseUrl(url: string): boolean {
  return OZON_BASE_URL_PATTERN.test(url);
}
