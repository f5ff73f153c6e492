import type { Logger } from '../../../../shared/lib/logger';
import type { Connector } from '../connector';
import { OzonHttp } from './http';
import { OzonConnector } from './ozon-connector';
import { OZON_QUOTAS, RateLimiter, realSleep, type Sleep } from './rate-limiter';

export type { Sleep };

export interface OzonConnectorOptions {
  /** `https://api-seller.ozon.ru`, or a sandbox's URL. */
  baseUrl: string;
  clientId: string;
  apiKey: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Per request, including reading the reply. */
  timeoutMs?: number;
  log?: Logger;
  /** How the rate limiter waits; tests pass one that moves a fake clock instead. */
  sleep?: Sleep;
}

/** Generous for a 1000-product info page; a hung call still ends well before the next sync. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The Ozon FBS/rFBS connector. Ozon's quotas are per Client-Id, and the limiter lives in the
 * connector, so make one connector per account and reuse it.
 */
export function createOzonConnector(options: OzonConnectorOptions): Connector {
  const now = options.now ?? Date.now;
  const http = new OzonHttp({
    baseUrl: options.baseUrl,
    clientId: options.clientId,
    apiKey: options.apiKey,
    fetch: options.fetch ?? globalThis.fetch,
    now,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    limiter: new RateLimiter(OZON_QUOTAS, now, options.sleep ?? realSleep),
    log: options.log?.child({ scope: 'marketplace.ozon' }) ?? null,
  });
  return new OzonConnector(http);
}
