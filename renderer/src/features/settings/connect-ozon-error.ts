import type { TFunction } from 'i18next';
import { ApiCallError } from '../../api/client';
import { errorText } from '../../i18n/error-text';
import { retryWait } from '../../i18n/retry-wait';

/**
 * A failed connect in the user's language. A rate limit here is Ozon's, not the user's "too
 * many attempts", so it gets its own words with the wait Ozon asked for.
 */
export function connectOzonErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiCallError && error.code === 'rate_limited') {
    return t('marketplace.rateLimited', retryWait(error.error.retryAfterSeconds ?? 1));
  }
  return errorText(t, error);
}
