import { useSyncExternalStore } from 'react';
import { BURST_DEFAULTS, type ScanSuffix } from './burst-detector';

const KEY = 'packdesk.scanner';

/**
 * How this station's keyboard-wedge scanner types: a property of the device on the counter, not
 * of the person signed in, so it lives in the browser's storage beside the device's language.
 */
export interface ScannerPreferences {
  maxGapMs: number;
  minLength: number;
  prefix: string;
  suffixes: ScanSuffix[];
}

export const SCANNER_LIMITS = {
  maxGapMs: { min: 5, max: 100 },
  minLength: { min: 1, max: 64 },
  prefixLength: 8,
} as const;

const DEFAULTS: ScannerPreferences = {
  maxGapMs: BURST_DEFAULTS.maxGapMs,
  minLength: BURST_DEFAULTS.minLength,
  prefix: BURST_DEFAULTS.prefix,
  suffixes: [...BURST_DEFAULTS.suffixes],
};

function clamp(value: unknown, { min, max }: { min: number; max: number }, fallback: number) {
  return typeof value === 'number' && Number.isInteger(value)
    ? Math.min(max, Math.max(min, value))
    : fallback;
}

/** Whatever is stored (an older version, a hand edit) comes back as valid settings. */
function parse(text: string | null): ScannerPreferences {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = text === null ? null : JSON.parse(text);
    if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
  } catch {
    // stored text is not JSON: defaults
  }
  const suffixes = Array.isArray(raw.suffixes)
    ? BURST_DEFAULTS.suffixes.filter((suffix) => (raw.suffixes as unknown[]).includes(suffix))
    : DEFAULTS.suffixes;
  return {
    maxGapMs: clamp(raw.maxGapMs, SCANNER_LIMITS.maxGapMs, DEFAULTS.maxGapMs),
    minLength: clamp(raw.minLength, SCANNER_LIMITS.minLength, DEFAULTS.minLength),
    prefix:
      typeof raw.prefix === 'string'
        ? raw.prefix.slice(0, SCANNER_LIMITS.prefixLength)
        : DEFAULTS.prefix,
    // A scanner with no terminator cannot be told apart from typing; keep at least one.
    suffixes: suffixes.length > 0 ? [...suffixes] : DEFAULTS.suffixes,
  };
}

function createScannerPreferences() {
  let current = parse(read());
  const listeners = new Set<() => void>();
  function read() {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null;
    }
  }
  return {
    get: () => current,
    defaults: DEFAULTS,
    set(next: Partial<ScannerPreferences>) {
      current = parse(JSON.stringify({ ...current, ...next }));
      try {
        localStorage.setItem(KEY, JSON.stringify(current));
      } catch {
        // Storage full or disabled: the setting holds until the page reloads.
      }
      listeners.forEach((listener) => listener());
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const scannerPreferences = createScannerPreferences();

export function useScannerPreferences(): ScannerPreferences {
  return useSyncExternalStore(scannerPreferences.subscribe, scannerPreferences.get);
}
