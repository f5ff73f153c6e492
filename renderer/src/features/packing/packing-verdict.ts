import type { TFunction } from 'i18next';
import type { ScanResult } from '../../../../shared/schemas/packing.schema';
import { isReason, shownCode } from '../counter/verdict-text';
import type { Verdict } from '../counter/VerdictBanner';

/** The banner's words for one answer of `packing.scan` / `packing.command`. */
export function packingVerdict(t: TFunction, result: ScanResult, seq: number): Verdict {
  const session = result.state.session;
  const values = {
    posting: result.postingNumber ?? session?.postingNumber ?? '',
    product: result.productName ?? result.sku ?? shownCode(result.code),
    code: shownCode(result.code),
    package: String(session?.currentPackage ?? 1),
  };
  let detail: string | null = t(`packing.details.${result.verdict}`, values);
  // The core answers `labelJobId: null` when no printer is marked for shipping labels.
  if (result.verdict === 'completed' && result.labelJobId === null) {
    detail = t('packing.completedNoLabel');
  }
  if (result.verdict === 'unknown_code') {
    detail = `${values.code} — ${
      isReason(result.reason) ? t(`packing.reasons.${result.reason}`) : t('packing.reasonOther')
    }`;
  }
  return {
    tone: result.tone,
    title: t(`packing.verdicts.${result.verdict}`, values),
    detail: detail === '' ? null : detail,
    seq,
    name: result.verdict,
  };
}
