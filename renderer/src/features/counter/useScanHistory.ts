import { useCallback, useState } from 'react';
import type { ScanHistoryEntry } from './ScanHistory';
import { shownCode } from './verdict-text';

const HISTORY_LENGTH = 30;

/** The last scans of a counter screen (packing, dispatch), newest first, codes made printable. */
export function useScanHistory() {
  const [history, setHistory] = useState<ScanHistoryEntry[]>([]);
  const remember = useCallback(
    (entry: ScanHistoryEntry) =>
      setHistory((previous) =>
        [{ ...entry, code: shownCode(entry.code) }, ...previous].slice(0, HISTORY_LENGTH),
      ),
    [],
  );
  return { history, remember };
}
