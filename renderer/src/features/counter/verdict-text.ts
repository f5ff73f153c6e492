import type { TFunction } from 'i18next';
import { errorText } from '../../i18n/error-text';
import type { Verdict } from './VerdictBanner';

/**
 * Reasons the core gives for an unknown code that have their own words (`packing.reasons.*`, read
 * on every counter screen); others read generically.
 */
const REASONS = [
  'not_text',
  'empty',
  'too_long',
  'control_characters',
  'binary',
  'unknown_command',
  'bad_package_label',
  'lookup_failed',
  'no_match',
  'invalid_check_digit',
  'marketplace_label',
] as const;
type Reason = (typeof REASONS)[number];

export function isReason(reason: string | null): reason is Reason {
  return (REASONS as readonly (string | null)[]).includes(reason);
}

/** Codes may hold anything a scanner sent; show them short and visible. */
export function shownCode(code: string): string {
  const visible = code.replace(/[\u0000-\u001f\u007f-\u009f]/g, '·');
  return visible.length > 60 ? `${visible.slice(0, 57)}…` : visible;
}

/** The banner when a scan could not be checked at all (core unreachable, refused). */
export function failedVerdict(t: TFunction, error: unknown, code: string, seq: number): Verdict {
  return {
    tone: 'error',
    title: t('packing.scanFailed'),
    detail: `${shownCode(code)} — ${errorText(t, error)}`,
    seq,
    name: 'failed',
  };
}
