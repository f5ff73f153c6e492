import {
  isAllowedOzonBaseUrl,
  LOOPBACK_HOSTNAMES,
  OZON_API_URL,
} from '../../../../shared/domain/ozon-endpoint';
import type { Logger } from '../../../../shared/lib/logger';
import { MarketplaceError, type FailureKind } from '../connector';
import { isObject, parseLossless, stringifyLossless, textOf } from './json';
import { createPublicFileFetch, NotPublicHostError } from './public-file-fetch';
import { quotasFor, type RateLimiter } from './rate-limiter';
import {
  JSON_REPLY_CAP_BYTES,
  LABEL_REPLY_CAP_BYTES,
  readCappedBody,
  ReplyTooLargeError,
} from './reply-body';

/**
 * One Ozon call: auth headers, a deadline, the client-side quota, and a verdict on failure.
 * Nothing here retries; the sync engine decides that from the `MarketplaceError` kind. Every
 * call goes only to Ozon's API or a loopback sandbox (`ozon-endpoint`), follows no redirect and
 * reads no more of a reply than its cap.
 */
export interface OzonHttpConfig {
  baseUrl: string;
  clientId: string;
  apiKey: string;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
  limiter: RateLimiter;
  log: Logger | null;
  /**
   * Fetches a label file from a host other than Ozon's API, for a real account. Default: https
   * to public internet addresses only (`createPublicFileFetch`); tests pass one with their own
   * resolver, or a stub.
   */
  fileFetch?: Fetcher;
}

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

export interface CallOptions {
  /**
   * Whether the call changes state at Ozon. A mutating call that breaks after its body may have
   * left is `uncertain` (read back before retrying); a read-only one can simply be repeated.
   */
  mutating: boolean;
}

/** A label endpoint answers either with the PDF itself or with JSON. */
export type FileReply = { kind: 'pdf'; bytes: Uint8Array } | { kind: 'json'; value: unknown };

/** "Circle is open" blocks a method for minutes (Ozon's circuit breaker). */
const CIRCLE_OPEN_RETRY_MS = 60_000;
/** Per-second throttling clears within a second; the slack covers clock and network jitter. */
const PER_SECOND_RETRY_MS = 1_500;
/** 429 without a usable Retry-After. */
const DEFAULT_RATE_LIMIT_RETRY_MS = 5_000;
/** Enough for any message Ozon writes; the rest of a longer one is not worth keeping or showing. */
const MAX_ERROR_TEXT_CHARS = 500;

/**
 * Codes of socket errors raised while resolving or connecting, before any byte of the request
 * left: repeating such a call can never apply it twice, whatever it does.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Messages that mean the key (or the whole account) cannot be used, whichever method is called. */
const AUTH_MESSAGES = [
  /invalid api-?key/i,
  /api-?key is deactivated/i,
  /restricted to specific ip/i,
  /offer not signed/i,
  /invalid client-?id/i,
];

export class OzonHttp {
  /**
   * Null when the account points anywhere but Ozon's API or a loopback sandbox (an account row
   * saved before that rule): then every call is refused before it is made, connect or sync.
   */
  private readonly origin: string | null;
  /** For label files on hosts other than Ozon's API: public internet addresses only. */
  private readonly publicFileFetch: Fetcher;

  constructor(private readonly config: OzonHttpConfig) {
    this.origin = isAllowedOzonBaseUrl(config.baseUrl) ? new URL(config.baseUrl).origin : null;
    this.publicFileFetch = config.fileFetch ?? createPublicFileFetch();
  }

  /** POSTs `body` (serialised losslessly, so int64 ids stay exact) and parses the JSON reply. */
  async post(path: string, body: unknown, options: CallOptions): Promise<unknown> {
    const reply = await this.send(path, body, options, JSON_REPLY_CAP_BYTES);
    return this.parseBody(path, reply.text(), reply.response.status, options);
  }

  /** Like `post`, for endpoints that answer with a PDF on success (the legacy label call). */
  async postForFile(path: string, body: unknown, options: CallOptions): Promise<FileReply> {
    const reply = await this.send(path, body, options, LABEL_REPLY_CAP_BYTES);
    if (isPdf(reply.bytes)) return { kind: 'pdf', bytes: reply.bytes };
    if (/application\/pdf/i.test(reply.response.headers.get('content-type') ?? '')) {
      throw this.fail(
        path,
        new MarketplaceError('malformed', 'Ozon sent a "PDF" that is not one', {
          status: reply.response.status,
        }),
      );
    }
    return {
      kind: 'json',
      value: this.parseBody(path, reply.text(), reply.response.status, options),
    };
  }

  /**
   * GETs a file Ozon prepared (a label's `file_url`). The API key goes along only to Ozon's own
   * origin: whether the file host needs it is undocumented, and it must not leak elsewhere.
   */
  async download(url: string): Promise<Uint8Array> {
    const origin = this.allowedOrigin('label file');
    let target: URL;
    try {
      target = new URL(url, origin);
    } catch {
      throw new MarketplaceError('malformed', `Ozon gave an unusable file URL: ${url}`);
    }
    if (!this.mayDownloadFrom(origin, target)) {
      throw this.fail(
        target.pathname,
        new MarketplaceError('malformed', 'Ozon gave a label file URL on a host it may not use'),
      );
    }
    const ownOrigin = target.origin === origin;
    const headers: Record<string, string> = ownOrigin ? this.authHeaders() : {};
    // A host Ozon's reply names is resolved and checked at connect time: a tampered reply must
    // not reach this computer, the LAN or a metadata service. A sandbox's files are on loopback.
    const fetcher = origin === OZON_API_URL && !ownOrigin ? this.publicFileFetch : undefined;
    const reply = await this.exchange(
      target.pathname,
      target.href,
      { method: 'GET', headers },
      { mutating: false },
      LABEL_REPLY_CAP_BYTES,
      fetcher,
    );
    if (!isPdf(reply.bytes)) {
      throw new MarketplaceError('malformed', 'The label file is not a PDF', {
        status: reply.response.status,
      });
    }
    return reply.bytes;
  }

  private async send(path: string, body: unknown, options: CallOptions, capBytes: number) {
    const origin = this.allowedOrigin(path);
    await this.config.limiter.acquire(quotasFor(path));
    return this.exchange(
      path,
      origin + path,
      {
        method: 'POST',
        headers: { ...this.authHeaders(), 'Content-Type': 'application/json' },
        body: stringifyLossless(body),
      },
      options,
      capBytes,
    );
  }

  /** The account's origin, or a refusal before anything is sent if it is not an allowed one. */
  private allowedOrigin(path: string): string {
    if (this.origin !== null) return this.origin;
    throw this.fail(
      path,
      new MarketplaceError(
        'auth',
        `The account's API address is neither ${OZON_API_URL} nor a sandbox on this computer`,
      ),
    );
  }

  /**
   * A label file from Ozon comes over https from a named host (never an address on this
   * computer or the LAN); a sandbox's comes from loopback. Never with user info in the URL.
   */
  private mayDownloadFrom(origin: string, target: URL): boolean {
    if (target.username !== '' || target.password !== '') return false;
    const loopback = (LOOPBACK_HOSTNAMES as readonly string[]).includes(target.hostname);
    if (origin !== OZON_API_URL) {
      return loopback && (target.protocol === 'http:' || target.protocol === 'https:');
    }
    return target.protocol === 'https:' && !loopback && !/^[\d.]+$|^\[/.test(target.hostname);
  }

  private async exchange(
    path: string,
    url: string,
    init: RequestInit,
    options: CallOptions,
    capBytes: number,
    fetcher: Fetcher = this.config.fetch,
  ) {
    const started = this.config.now();
    let response: Response;
    let bytes: Uint8Array;
    try {
      response = await fetcher(url, {
        ...init,
        // A redirect could carry the call, and with a GET the API key, to any host.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (error) {
      if (error instanceof NotPublicHostError) {
        throw this.fail(
          path,
          new MarketplaceError('malformed', `Ozon gave a label file URL on a host it may not use`),
        );
      }
      throw this.fail(path, networkFailure(error, options.mutating, this.config.timeoutMs));
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw this.fail(
        path,
        new MarketplaceError(
          'malformed',
          `Ozon answered ${path} with a redirect (${response.status}), which is not followed`,
          { status: response.status },
        ),
      );
    }
    try {
      bytes = await readCappedBody(response, capBytes);
    } catch (error) {
      // The headers arrived, so Ozon has handled the call; only its answer is lost. A failure
      // status says it did nothing; a success one says it did something we cannot read.
      if (!response.ok) throw this.fail(path, this.statusFailure(path, response, '', options));
      if (error instanceof ReplyTooLargeError) {
        throw this.fail(
          path,
          new MarketplaceError(
            options.mutating ? 'uncertain' : 'malformed',
            `Ozon answered ${path} with ${error.message}; reading stopped there`,
            { status: response.status },
          ),
        );
      }
      throw this.fail(path, networkFailure(error, options.mutating, this.config.timeoutMs));
    }
    const text = () => new TextDecoder().decode(bytes);
    this.config.log?.debug(
      { path, status: response.status, ms: this.config.now() - started },
      'ozon call',
    );
    if (!response.ok) throw this.fail(path, this.statusFailure(path, response, text(), options));
    return { response, bytes, text };
  }

  private parseBody(path: string, text: string, status: number, options: CallOptions): unknown {
    // Some mutating calls answer 200 with nothing; there is nothing to misread then.
    if (text.trim() === '') return {};
    try {
      return parseLossless(text);
    } catch {
      // A success status with an unreadable body (cut off, an HTML page from a proxy) says
      // nothing about what happened; after a mutating call Ozon may well have applied it.
      const kind: FailureKind = options.mutating ? 'uncertain' : 'malformed';
      throw this.fail(
        path,
        new MarketplaceError(kind, `Ozon answered ${path} with a body that is not JSON`, {
          status,
        }),
      );
    }
  }

  /** Ozon's verdict from the HTTP status first, then from its `message` (§1.2). */
  private statusFailure(
    path: string,
    response: Response,
    text: string,
    options: CallOptions,
  ): MarketplaceError {
    const status = response.status;
    const body = readErrorBody(text);
    const message = body?.message ?? '';
    const describe = `Ozon ${path} answered ${status}${message ? `: ${message}` : ''}`;
    const code = message || body?.code || `HTTP_${status}`;

    if (status === 429) {
      const retryAfterMs =
        parseRetryAfter(response.headers.get('retry-after'), this.config.now()) ??
        retryAfterFromMessage(message) ??
        DEFAULT_RATE_LIMIT_RETRY_MS;
      const until = this.config.now() + retryAfterMs;
      // Later calls wait here instead of earning more 429s; the per-second limit is global.
      this.config.limiter.block(/per second/i.test(message) ? ['global', path] : [path], until);
      return new MarketplaceError('rate_limited', describe, { status, code, retryAfterMs });
    }
    if (/circle is open/i.test(message)) {
      return new MarketplaceError('transient', describe, {
        status,
        code,
        retryAfterMs: CIRCLE_OPEN_RETRY_MS,
      });
    }
    if (/rate limit per second/i.test(message)) {
      return new MarketplaceError('transient', describe, {
        status,
        code,
        retryAfterMs: PER_SECOND_RETRY_MS,
      });
    }
    if ((status === 502 || status === 504) && options.mutating) {
      // A gateway that lost or timed out on the backend cannot say whether the backend applied
      // the call; repeating a ship blindly could be refused as "already shipped" or worse.
      return new MarketplaceError('uncertain', describe, { status, code });
    }
    if (status >= 500) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.config.now());
      return new MarketplaceError('transient', describe, {
        status,
        code,
        ...(retryAfterMs === null ? {} : { retryAfterMs }),
      });
    }
    if (status === 401 || (status === 403 && AUTH_MESSAGES.some((re) => re.test(message)))) {
      return new MarketplaceError('auth', describe, { status, code });
    }
    if (!body) {
      // A 4xx we cannot read (an HTML error page from a proxy) is not Ozon's business verdict.
      return new MarketplaceError('malformed', `${describe} (body is not Ozon's error JSON)`, {
        status,
      });
    }
    return new MarketplaceError('rejected', describe, { status, code });
  }

  private fail(path: string, error: MarketplaceError): MarketplaceError {
    this.config.log?.warn(
      { path, kind: error.kind, status: error.details.status, code: error.details.code },
      'ozon call failed',
    );
    return error;
  }

  private authHeaders(): Record<string, string> {
    return { 'Client-Id': this.config.clientId, 'Api-Key': this.config.apiKey };
  }
}

/**
 * Ozon's error body `{code, message, details}` (`code` an int32 per the schema, a string such as
 * "RESOURCE_EXHAUSTED" in some examples), or the older `{error: {code, message}}`. Null when the
 * text is not JSON of either shape.
 */
export function readErrorBody(text: string): { code: string; message: string } | null {
  let value: unknown;
  try {
    value = parseLossless(text);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  const source = isObject(value['error']) ? value['error'] : value;
  if (!('message' in source) && !('code' in source)) return null;
  return {
    code: textOf(source['code']).slice(0, MAX_ERROR_TEXT_CHARS),
    message: textOf(source['message']).trim().slice(0, MAX_ERROR_TEXT_CHARS),
  };
}

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), in ms from `now`. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** "…Retry after 120 seconds…" in the message of the product-import 429s. */
function retryAfterFromMessage(message: string): number | null {
  const match = /retry after (\d+) ?s/i.exec(message);
  return match ? Number(match[1]) * 1000 : null;
}

/**
 * A failure with no HTTP answer. Before the request left (refused, DNS) it is always safe to
 * repeat; after that (timeout, reset) a mutating call may have been applied, and we cannot
 * tell, so anything not known to be pre-send counts as "maybe sent".
 */
export function networkFailure(
  error: unknown,
  mutating: boolean,
  timeoutMs: number,
): MarketplaceError {
  const name = error instanceof Error ? error.name : '';
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  const code = socketErrorCode(error);
  const reason = timedOut ? `no answer within ${timeoutMs} ms` : (code ?? describeError(error));
  if (!timedOut && code !== null && NOT_SENT_CODES.has(code)) {
    return new MarketplaceError('transient', `Ozon could not be reached: ${reason}`, { code });
  }
  return new MarketplaceError(
    mutating ? 'uncertain' : 'transient',
    `Ozon call broke off: ${reason}`,
    code === null ? {} : { code },
  );
}

/** undici wraps the socket error: `TypeError('fetch failed', {cause: {code: 'ECONNRESET'}})`. */
function socketErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isObject(current); depth += 1) {
    if (typeof current['code'] === 'string') return current['code'];
    current = current['cause'];
  }
  return null;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** By content, not by Content-Type: a proxy's error page can claim anything. */
function isPdf(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.subarray(0, 5)) === '%PDF-';
}
