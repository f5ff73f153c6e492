import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POSTING_STATUSES, type PostingStatus } from '../../../../shared/domain/postings';
import type { ScanEvent } from '../../../../shared/domain/scan';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { usePackdeskApi } from '../../api/usePackdeskApi';
import { useFormats } from '../../i18n/useFormats';
import { type CounterScan, useOrderedScans } from '../counter/useOrderedScans';
import { isReason, shownCode } from '../counter/verdict-text';
import type { Verdict } from '../counter/VerdictBanner';

type DispatchScanResult = MethodOutput<'dispatch.scan'>;

/** Reasons only dispatch gives for an unknown code; the scanner's own ones read as on packing. */
const DISPATCH_REASONS = [
  'several_postings',
  'not_a_package',
  'posting_not_found',
  'no_such_package',
] as const;
type DispatchReason = (typeof DISPATCH_REASONS)[number];

function isDispatchReason(reason: string): reason is DispatchReason {
  return (DISPATCH_REASONS as readonly string[]).includes(reason);
}

function isPostingStatus(status: string): status is PostingStatus {
  return (POSTING_STATUSES as readonly string[]).includes(status);
}

/**
 * The core's `detail` in words: codes and statuses translated, numbers in the UI's digits; only
 * free data (a carrier's name) is shown as it came.
 */
function detailText(
  t: TFunction,
  formatNumber: (value: number) => string,
  result: DispatchScanResult,
): string | null {
  const { detail } = result;
  if (detail === null) return null;
  switch (result.verdict) {
    case 'added': {
      const parts = /^(\d+)\/(\d+)$/.exec(detail);
      return parts
        ? t('dispatch.packageOf', {
            index: formatNumber(Number(parts[1])),
            total: formatNumber(Number(parts[2])),
          })
        : null;
    }
    case 'not_packed':
      return t(`orders.statuses.${isPostingStatus(detail) ? detail : 'other'}`);
    case 'in_other_batch':
      return t('dispatch.batchN', { id: formatNumber(Number(detail)) });
    case 'unknown_code':
      if (isDispatchReason(detail)) return t(`dispatch.reasons.${detail}`);
      return isReason(detail) ? t(`packing.reasons.${detail}`) : t('packing.reasonOther');
    case 'other_carrier':
      return detail;
    default:
      return null;
  }
}

/**
 * Packages scanned into the open batch through the counter's ordered scan loop; each answer sets
 * the banner, plays its sound and adds a history line. A refused package says why (not packed,
 * cancelled, another carrier, already in another batch, unknown code, batch closed meanwhile).
 * The banner starts with `title: null`: the page shows the idle hint in the current language.
 */
export function useDispatchScans(batchId: number | null) {
  const { t } = useTranslation();
  const formats = useFormats();
  const { client } = usePackdeskApi();
  const [verdict, setVerdict] = useState<Verdict>({
    tone: null,
    title: null,
    detail: null,
    seq: 0,
    name: 'idle',
  });

  const judge = useCallback(
    (result: DispatchScanResult, scan: CounterScan, seq: number) => {
      const detail = detailText(t, formats.number, result);
      const values = {
        posting: result.postingNumber ?? shownCode(scan.code),
        detail: detail ?? '',
        code: shownCode(scan.code),
      };
      return {
        verdict: {
          tone: result.tone,
          title: t(`dispatch.verdicts.${result.verdict}`, values),
          detail: detail
            ? t('dispatch.detail', values)
            : result.verdict === 'added'
              ? null
              : values.code,
          seq,
          name: result.verdict,
        },
        short: t(`dispatch.short.${result.verdict}`),
        code: scan.code,
      };
    },
    [t, formats],
  );

  const { history, submit } = useOrderedScans({
    show: setVerdict,
    judge,
    failedShort: t('dispatch.short.failed'),
  });

  const scan = useCallback(
    (event: ScanEvent) => {
      if (batchId === null) return;
      submit({ code: event.code, source: event.source, at: event.at }, () =>
        client.call('dispatch.scan', { batchId, code: event.code, source: event.source }),
      );
    },
    [batchId, client, submit],
  );

  return { verdict, history, scan };
}
