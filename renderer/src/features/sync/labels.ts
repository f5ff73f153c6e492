import type { TFunction } from 'i18next';
import type { OutboxAction } from './useSyncData';

const ACTION_NAMES = [
  'ship',
  'cancel',
  'stock',
  'archive',
  'tracking',
  'delivering',
  'delivered',
] as const;
type ActionName = (typeof ACTION_NAMES)[number];

const ALERT_KINDS = ['cancelled_after_packing', 'items_changed'] as const;
type AlertKind = (typeof ALERT_KINDS)[number];

/** An outbox action's name in words; an action this version does not know keeps its code. */
export function actionName(t: TFunction, action: string) {
  return (ACTION_NAMES as readonly string[]).includes(action)
    ? t(`sync.actionNames.${action as ActionName}`)
    : action;
}

/** "posting:0132112277-0101-1" → "Posting 0132112277-0101-1". */
export function subjectText(t: TFunction, subject: string) {
  const [kind, ...rest] = subject.split(':');
  // Isolated, so "0132112277-0101-1" keeps its order inside a right-to-left sentence.
  const value = `\u2066${rest.join(':')}\u2069`;
  if (kind === 'posting') return t('sync.subjects.posting', { value });
  if (kind === 'stock') return t('sync.subjects.stock', { value });
  if (kind === 'product') return t('sync.subjects.product', { value });
  return subject;
}

export function postingOf(subject: string) {
  return subject.startsWith('posting:') ? subject.slice('posting:'.length) : null;
}

export const STATE_COLORS: Record<OutboxAction['state'], string> = {
  pending: 'default',
  in_flight: 'processing',
  verifying: 'processing',
  uncertain: 'warning',
  done: 'success',
  rejected: 'error',
  discarded: 'default',
};

export function alertTitle(t: TFunction, kind: string) {
  return (ALERT_KINDS as readonly string[]).includes(kind)
    ? t(`sync.alertKinds.${kind as AlertKind}`)
    : t('sync.alertKinds.other');
}

/** What the person at the counter should do about an alert, in plain words. */
export function alertAdvice(t: TFunction, kind: string) {
  return (ALERT_KINDS as readonly string[]).includes(kind)
    ? t(`sync.alertAdvice.${kind as AlertKind}`)
    : null;
}
