/**
 * Error codes that cross every boundary (IPC, HTTP). The renderer translates them by code; the
 * English `message` is for logs and API users. Never a thrown stack.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'already_set_up',
  'not_set_up',
  'invalid_credentials',
  'account_disabled',
  'last_administrator',
  'invalid_state',
  'marketplace_auth',
  'marketplace_unreachable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Per-field problems for `invalid_input`: dotted path → a short code such as `too_small`. */
  fields?: Record<string, string>;
  /** For `rate_limited`: seconds until another attempt is accepted. */
  retryAfterSeconds?: number;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** HTTP status for each code, used by the station host and documented in its OpenAPI file. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  account_disabled: 403,
  not_found: 404,
  conflict: 409,
  already_set_up: 409,
  not_set_up: 409,
  last_administrator: 409,
  invalid_state: 409,
  marketplace_auth: 422,
  marketplace_unreachable: 502,
  rate_limited: 429,
  internal: 500,
};
