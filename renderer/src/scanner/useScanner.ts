import { useEffect, useEffectEvent } from 'react';
import type { ScanEvent } from '../../../shared/domain/scan';
import {
  BURST_DEFAULTS,
  BurstDetector,
  type BurstDetectorOptions,
  type ScanSuffix,
} from './burst-detector';
import { isPassthrough, restoreField, snapshotField, type FieldSnapshot } from './field-guard';

export interface UseScannerOptions extends BurstDetectorOptions {
  /** Listen at all (default true); turn off while a dialog wants raw typing. */
  enabled?: boolean | undefined;
}

/**
 * Calls `onScan` once per keyboard-wedge scan, wherever focus is. Listens on `window` in the
 * capture phase, so it sees keys before any field or form does. When a burst is a scan it
 * swallows the terminating Enter/Tab (no form submit, no focus jump) and puts a focused text
 * field back as it was before the burst. Fields inside `[data-scanner-passthrough]` keep
 * scans as ordinary typing.
 */
export function useScanner(
  onScan: (scan: ScanEvent) => void,
  options: UseScannerOptions = {},
): void {
  const { enabled = true, maxGapMs, minLength, prefix } = options;
  const suffixList = (options.suffixes ?? BURST_DEFAULTS.suffixes).join(',');
  const emit = useEffectEvent(onScan);

  useEffect(() => {
    if (!enabled) return;
    const detector = new BurstDetector({
      maxGapMs,
      minLength,
      prefix,
      suffixes: suffixList.split(',').filter(Boolean) as ScanSuffix[],
    });
    let snapshot: FieldSnapshot | null = null;

    const onKeyDown = (event: KeyboardEvent) => {
      if (isPassthrough(event.target)) {
        detector.clear();
        snapshot = null;
        return;
      }
      const verdict = detector.feed(event);
      switch (verdict.type) {
        case 'char':
          if (verdict.started) snapshot = snapshotField(document.activeElement);
          return;
        case 'scan': {
          event.preventDefault();
          event.stopImmediatePropagation();
          const taken = snapshot;
          snapshot = null;
          if (taken) {
            restoreField(taken);
            // An input method may commit its composition after the keydown; undo that too.
            setTimeout(() => restoreField(taken), 0);
          }
          emit({ code: verdict.code, source: 'keyboard', at: Date.now() });
          return;
        }
        case 'reset':
          snapshot = null;
          return;
        case 'ignored':
          return;
      }
    };
    const onBlur = () => {
      detector.clear();
      snapshot = null;
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('blur', onBlur);
    };
  }, [enabled, maxGapMs, minLength, prefix, suffixList]);
}
