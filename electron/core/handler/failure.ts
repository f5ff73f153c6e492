import type { ApiError, ErrorCode } from '../../../shared/contract/errors';

/**
 * The one way a handler reports an expected failure. The registry turns it into
 * `{ok:false, error}`; anything else thrown is logged and answered as `internal`.
 */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Pick<ApiError, 'fields' | 'retryAfterSeconds'> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...this.extra };
  }
}
