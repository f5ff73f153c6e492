import { startTransition, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanTone } from '../../../../shared/schemas/packing.schema';
import type { ScanHistoryEntry } from './ScanHistory';
import { useScanHistory } from './useScanHistory';
import { playVerdictSound } from './verdict-sound';
import { failedVerdict } from './verdict-text';
import type { Verdict } from './VerdictBanner';

/** One read handed to a counter screen: from a scanner, the code field or a screen command. */
export interface CounterScan {
  code: string;
  source: ScanHistoryEntry['source'];
  at: number;
}

/** What a screen makes of one answer of the core. */
export interface JudgedScan {
  verdict: Verdict;
  /** The history line's words, already in the UI language. */
  short: string;
  /** The code the history line shows (the scan's, or the core's reading of it). */
  code: string;
}

interface OrderedScansOptions<Result extends { tone: ScanTone }> {
  /** Puts a verdict on the screen's banner. */
  show: (verdict: Verdict) => void;
  judge: (result: Result, scan: CounterScan, seq: number) => JudgedScan;
  /** What else the screen does with an answer, once its banner and sound are out. */
  settle?: (result: Result) => void;
  /** The history line's words for a scan the core could not check. */
  failedShort: string;
}

/**
 * The scan loop every counter screen (packing, dispatch) shares. Scans go to the core one at a
 * time in the order they came (a burst of ten is ten calls, answered in order, none dropped or
 * merged); each answer sets the banner and plays its sound first, because that is what the
 * operator waits for, then lets the screen settle its own state, then adds the history line as a
 * transition so a long screen never delays the verdict.
 */
export function useOrderedScans<Result extends { tone: ScanTone }>({
  show,
  judge,
  settle,
  failedShort,
}: OrderedScansOptions<Result>) {
  const { t } = useTranslation();
  const { history, remember } = useScanHistory();
  const queue = useRef<Promise<void>>(Promise.resolve());
  const seq = useRef(0);

  const submit = useCallback(
    (scan: CounterScan, call: () => Promise<Result>) => {
      queue.current = queue.current.then(async () => {
        const n = ++seq.current;
        try {
          const result = await call();
          const judged = judge(result, scan, n);
          show(judged.verdict);
          playVerdictSound(result.tone);
          settle?.(result);
          startTransition(() =>
            remember({
              seq: n,
              code: judged.code,
              source: scan.source,
              at: scan.at,
              tone: result.tone,
              text: judged.short,
            }),
          );
        } catch (error) {
          show(failedVerdict(t, error, scan.code, n));
          playVerdictSound('error');
          remember({
            seq: n,
            code: scan.code,
            source: scan.source,
            at: scan.at,
            tone: 'error',
            text: failedShort,
          });
        }
      });
    },
    [t, show, judge, settle, failedShort, remember],
  );

  return { history, submit };
}
