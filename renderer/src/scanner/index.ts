export {
  BURST_DEFAULTS,
  BurstDetector,
  type BurstDetectorOptions,
  type KeyInput,
  type KeyVerdict,
  type ScanSuffix,
} from './burst-detector';
export { PASSTHROUGH_ATTRIBUTE } from './field-guard';
export { usCharacter } from './keymap';
export {
  SCANNER_LIMITS,
  scannerPreferences,
  useScannerPreferences,
  type ScannerPreferences,
} from './scanner-preferences';
export { useScanEvents } from './useScanEvents';
export { useScanner, type UseScannerOptions } from './useScanner';
export { useSerialScans } from './useSerialScans';
