import type { ScanEvent } from '../../../shared/domain/scan';
import { useScannerPreferences } from './scanner-preferences';
import { useScanner } from './useScanner';
import { useSerialScans } from './useSerialScans';

/**
 * Every scan this screen should act on, from the keyboard-wedge scanner (burst timing as set in
 * Settings → Scanner) and from the serial scanner, as one stream of `{code, source, at}`.
 * Turn it off while a dialog wants the keyboard to itself.
 */
export function useScanEvents(onScan: (scan: ScanEvent) => void, enabled = true): void {
  const preferences = useScannerPreferences();
  useScanner(onScan, { ...preferences, enabled });
  useSerialScans(onScan, enabled);
}
