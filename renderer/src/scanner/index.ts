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
export { useScanner, type UseScannerOptions } from './useScanner';
