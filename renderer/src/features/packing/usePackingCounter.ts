import { useQueryClient } from '@tanstack/react-query';
import { startTransition, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanEvent } from '../../../../shared/domain/scan';
import type { PACKING_COMMANDS, ScanResult } from '../../../../shared/schemas/packing.schema';
import { usePackdeskApi } from '../../api/usePackdeskApi';
import { useApiQuery } from '../../api/useApiQuery';
import { type CounterScan, useOrderedScans } from '../counter/useOrderedScans';
import { createVerdictStore } from '../counter/verdict-store';
import { packingVerdict } from './packing-verdict';

export const packingKey = ['packing', 'current'] as const;

type Command = (typeof PACKING_COMMANDS)[number];

/**
 * The packing counter: scans and screen commands go through the counter's ordered scan loop;
 * each answer replaces the cached `packing.current` with the state the core returned. The core
 * is the only record; `packing.changed` re-reads it.
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

  const judge = useCallback(
    (result: ScanResult, scan: CounterScan, seq: number) => ({
      verdict: packingVerdict(t, result, seq),
      short: t(`packing.short.${result.verdict}`),
      // The code as the core read it; an answer without one keeps what was sent.
      code: result.code || scan.code,
    }),
    [t],
  );

  const settle = useCallback(
    (result: ScanResult) => {
      if (result.verdict === 'posting_cancelled') setStopped(result.postingNumber ?? '');
      else if (result.verdict === 'posting_opened') setStopped(null);
      // The lines and packages follow after the banner's frame is painted (the query cache
      // renders synchronously), so a long posting never delays the verdict.
      requestAnimationFrame(() =>
        setTimeout(() => queryClient.setQueryData(packingKey, result.state), 0),
      );
      startTransition(() => setLastSku(result.verdict === 'item_ok' ? result.sku : null));
      if (result.verdict === 'switch_operator') onSwitchOperator();
    },
    [queryClient, onSwitchOperator],
  );

  const { history, submit } = useOrderedScans({
    show: verdicts.set,
    judge,
    settle,
    failedShort: t('packing.short.failed'),
  });

  const scan = useCallback(
    (event: ScanEvent | { code: string; source: 'screen'; at: number }) =>
      submit({ code: event.code, source: event.source, at: event.at }, () =>
        client.call('packing.scan', { code: event.code, source: event.source, at: event.at }),
      ),
    [client, submit],
  );

  const command = useCallback(
    (name: Command) =>
      submit({ code: name, source: 'screen', at: Date.now() }, () =>
        client.call('packing.command', { command: name }),
      ),
    [client, submit],
  );

  const dismissStop = useCallback(() => setStopped(null), []);

  return { current, verdicts, lastSku, history, stopped, dismissStop, scan, command };
}
