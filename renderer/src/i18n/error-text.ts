import type { TFunction } from 'i18next';
import { ApiCallError } from '../api/client';
import { retryWait } from './retry-wait';

const FIELD_CODES = [
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_type',
  'invalid_value',
  'unrecognized_keys',
  'taken',
  'wrong',
] as const;
type FieldCode = (typeof FIELD_CODES)[number];

function isFieldCode(code: string): code is FieldCode {
  return (FIELD_CODES as readonly string[]).includes(code);
}

/** A call's failure in the user's language: never the English `message` meant for logs. */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiCallError)) return t('errors.internal');
  if (error.isNetwork) return t('errors.network');
  if (error.code === 'rate_limited') {
    return t('errors.rate_limited', retryWait(error.error.retryAfterSeconds ?? 1));
  }
  return t(`errors.${error.code}`);
}

/** A zod issue code (`too_small`) or a handler's field code (`taken`) as a short phrase. */
export function fieldErrorText(t: TFunction, code: string): string {
  return isFieldCode(code) ? t(`fields.${code}`) : t('fields.other');
}
