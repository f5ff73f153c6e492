import { useQueryClient } from '@tanstack/react-query';
import { startTransition, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanEvent } from '../../../../shared/domain/scan';
import type {
  PACKING_COMMANDS,
  SCAN_SOURCES,
  ScanResult,
} from '../../../../shared/schemas/packing.schema';
import { usePackdeskApi } from '../../api/usePackdeskApi';
import { useApiQuery } from '../../api/useApiQuery';
import { failedVerdict, packingVerdict } from './verdict-text';
import { playVerdictSound } from './verdict-sound';
import { useScanHistory } from './useScanHistory';
import { createVerdictStore } from './verdict-store';

export const packingKey = ['packing', 'current'] as const;

type Command = (typeof PACKING_COMMANDS)[number];

/**
 * The packing counter's scan loop. Scans and screen commands go to the core one at a time in
 * the order they came (a burst of ten is ten calls, answered in order, none dropped or merged);
 * each answer sets the banner, plays its sound and replaces the cached `packing.current` with
 * the state the core returned. The core is the only record; `packing.changed` re-reads it.
 */
export function usePackingCounter(onSwitchOperator: () => void) {
  const { t } = useTranslation();
  const { client } = usePackdeskApi();
  const queryClient = useQueryClient();
  const current = useApiQuery(packingKey, 'packing.current', {});
  const [verdicts] = useState(() =>
    createVerdictStore({ tone: null, title: null, detail: null, seq: 0, name: 'idle' }),
  );
  const [lastSku, setLastSku] = useState<string | null>(null);
  // A cancelled posting stays on screen until the packer says they have seen it (or opens the
  // next posting), whatever is scanned meanwhile.
  const [stopped, setStopped] = useState<string | null>(null);
  const { history, remember } = useScanHistory();
  const queue = useRef<Promise<void>>(Promise.resolve());
  const seq = useRef(0);

  const run = useCallback(
    (
      code: string,
      source: (typeof SCAN_SOURCES)[number],
      at: number,
      call: () => Promise<ScanResult>,
    ) => {
      queue.current = queue.current.then(async () => {
        const n = ++seq.current;
        try {
          const result = await call();
          const shown = packingVerdict(t, result, n);
          // The banner and its sound first: they are what the packer waits for. The lines and
          // packages follow after that frame is painted (the query cache renders synchronously),
          // the history as a transition, so a long posting never delays the verdict.
          verdicts.set(shown);
          playVerdictSound(result.tone);
          if (result.verdict === 'posting_cancelled') setStopped(result.postingNumber ?? '');
          else if (result.verdict === 'posting_opened') setStopped(null);
          requestAnimationFrame(() =>
            setTimeout(() => queryClient.setQueryData(packingKey, result.state), 0),
          );
          startTransition(() => {
            setLastSku(result.verdict === 'item_ok' ? result.sku : null);
            remember({
              seq: n,
              code: result.code || code,
              source,
              at,
              tone: result.tone,
              text: t(`packing.short.${result.verdict}`),
            });
          });
          if (result.verdict === 'switch_operator') onSwitchOperator();
        } catch (error) {
          verdicts.set(failedVerdict(t, error, code, n));
          playVerdictSound('error');
          remember({ seq: n, code, source, at, tone: 'error', text: t('packing.short.failed') });
        }
      });
    },
    [queryClient, t, onSwitchOperator, verdicts, remember],
  );

  const scan = useCallback(
    (event: ScanEvent | { code: string; source: 'screen'; at: number }) =>
      run(event.code, event.source, event.at, () =>
        client.call('packing.scan', { code: event.code, source: event.source, at: event.at }),
      ),
    [client, run],
  );

  const command = useCallback(
    (name: Command) =>
      run(name, 'screen', Date.now(), () => client.call('packing.command', { command: name })),
    [client, run],
  );

  const dismissStop = useCallback(() => setStopped(null), []);

  return { current, verdicts, lastSku, history, stopped, dismissStop, scan, command };
}
