import { useEffect, useEffectEvent } from 'react';
import type { ScanEvent } from '../../../shared/domain/scan';
import { usePackdeskApi } from '../api/usePackdeskApi';

/**
 * Push events can be lost while the event channel reconnects; a slow poll picks up whatever a
 * lost `scans.changed` would have announced.
 */
const FALLBACK_POLL_MS = 3_000;

/**
 * Calls `onScan` once per scan from the station's serial scanner, in the order read. The core
 * keeps recent serial scans with rising ids and announces new ones with `scans.changed`; this
 * takes those after the last id seen. Scans read before the screen opened are skipped: they were
 * meant for whatever was open then.
 */
export function useSerialScans(onScan: (scan: ScanEvent) => void, enabled = true): void {
  const { client, transport } = usePackdeskApi();
  const emit = useEffectEvent(onScan);

  useEffect(() => {
    if (!enabled) return;
    let cursor: number | null = null;
    let running = false;
    let again = false;
    let stopped = false;

    const pull = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const scans = await client.call('scanners.take', { afterId: cursor ?? 0 });
          if (stopped) return;
          const skipBacklog = cursor === null;
          for (const scan of scans) {
            if (cursor !== null && scan.id <= cursor) continue;
            cursor = scan.id;
            if (!skipBacklog) emit({ code: scan.code, source: 'serial', at: scan.at });
          }
          cursor ??= 0;
        } while (again && !stopped);
      } catch {
        // The core refused or is unreachable; the next event or poll tries again.
      } finally {
        running = false;
      }
    };

    void pull();
    const unsubscribe = transport.bridge.onEvent((event) => {
      if (event.name === 'scans.changed') void pull();
    });
    const timer = setInterval(() => void pull(), FALLBACK_POLL_MS);
    return () => {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
    };
  }, [client, transport, enabled]);
}
