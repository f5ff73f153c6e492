import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanEvent } from '../../../../shared/domain/scan';
import { usePackdeskApi } from '../../api/usePackdeskApi';
import type { ScanHistoryEntry } from '../packing/ScanHistory';
import { playVerdictSound } from '../packing/verdict-sound';
import { failedVerdict, shownCode } from '../packing/verdict-text';
import type { Verdict } from '../packing/VerdictBanner';

const HISTORY_LENGTH = 30;

/**
 * Packages scanned into the open batch, one call at a time in scan order; each answer sets the
 * banner and plays its sound. A refused package says why (not packed, cancelled, another carrier,
 * already in another batch, unknown code).
 */
export function useDispatchScans(batchId: number | null) {
  const { t } = useTranslation();
  const { client } = usePackdeskApi();
  const [verdict, setVerdict] = useState<Verdict>(() => ({
    tone: null,
    title: t('dispatch.idle'),
    detail: null,
    seq: 0,
    name: 'idle',
  }));
  const [history, setHistory] = useState<ScanHistoryEntry[]>([]);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const seq = useRef(0);

  const scan = useCallback(
    (event: ScanEvent) => {
      if (batchId === null) return;
      queue.current = queue.current.then(async () => {
        const n = ++seq.current;
        try {
          const result = await client.call('dispatch.scan', {
            batchId,
            code: event.code,
            source: event.source,
          });
          const values = {
            posting: result.postingNumber ?? shownCode(event.code),
            detail: result.detail ?? '',
            code: shownCode(event.code),
          };
          setVerdict({
            tone: result.tone,
            title: t(`dispatch.verdicts.${result.verdict}`, values),
            detail: result.detail
              ? t('dispatch.detail', values)
              : result.verdict === 'added'
                ? null
                : values.code,
            seq: n,
            name: result.verdict,
          });
          playVerdictSound(result.tone);
          setHistory((previous) =>
            [
              {
                seq: n,
                code: shownCode(event.code),
                source: event.source,
                at: event.at,
                tone: result.tone,
                text: t(`dispatch.short.${result.verdict}`),
              },
              ...previous,
            ].slice(0, HISTORY_LENGTH),
          );
        } catch (error) {
          setVerdict(failedVerdict(t, error, event.code, n));
          playVerdictSound('error');
        }
      });
    },
    [batchId, client, t],
  );

  return { verdict, history, scan };
}
