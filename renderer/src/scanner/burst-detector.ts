import { MODIFIER_CODES, usCharacter } from './keymap';

/** The parts of a `KeyboardEvent` (keydown) the detector reads. */
export interface KeyInput {
  /** Physical key, e.g. `Digit1`, `KeyA`, `Minus`, `Enter`. */
  code: string;
  /** What the current layout made of it (Cyrillic, `Process` under an IME…); a fallback only. */
  key: string;
  /** Milliseconds, any monotonic origin (`KeyboardEvent.timeStamp`). */
  timeStamp: number;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  repeat?: boolean;
  /** `KeyboardEvent.getModifierState`, to tell whether Caps Lock is on. */
  getModifierState?: (key: string) => boolean;
}

export type ScanSuffix = 'Enter' | 'Tab';

export interface BurstDetectorOptions {
  /** Longest pause between two keys of one scan (default 35 ms); a longer one starts over. */
  maxGapMs?: number | undefined;
  /** Fewest characters in a scan, prefix not counted (default 4). */
  minLength?: number | undefined;
  /** Characters the scanner is set to send first; when set, bursts without it are not scans. */
  prefix?: string | undefined;
  /** Keys that end a scan (default Enter and Tab). */
  suffixes?: readonly ScanSuffix[] | undefined;
}

/** What one keydown meant. */
export type KeyVerdict =
  /** A modifier or a key the detector does not care about; nothing changed. */
  | { type: 'ignored' }
  /** A character that may be part of a scan; `started` when it began a new burst. */
  | { type: 'char'; char: string; started: boolean }
  /**
   * The suffix that completed a scan. The caller should swallow this key and remove the
   * `length` characters the burst typed into a focused field.
   */
  | { type: 'scan'; code: string; length: number }
  /** Whatever was buffered is not a scan (human typing, a short burst, another key). */
  | { type: 'reset' };

export const BURST_DEFAULTS = {
  maxGapMs: 35,
  minLength: 4,
  prefix: '',
  suffixes: ['Enter', 'Tab'] as readonly ScanSuffix[],
} as const;

/**
 * Tells a keyboard-wedge scanner from a person by timing. A scan is a run of character keys
 * each at most `maxGapMs` after the previous one, at least `minLength` long, ended by a suffix
 * key within `maxGapMs` too. A person at 80–200 ms per key never gets two keys into a burst.
 * Pure: no DOM, no clock; feed it keydowns in order.
 */
export class BurstDetector {
  readonly maxGapMs: number;
  readonly minLength: number;
  readonly prefix: string;
  readonly suffixes: readonly ScanSuffix[];
  private buffer = '';
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(options: BurstDetectorOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? BURST_DEFAULTS.maxGapMs;
    this.minLength = options.minLength ?? BURST_DEFAULTS.minLength;
    this.prefix = options.prefix ?? BURST_DEFAULTS.prefix;
    this.suffixes = options.suffixes ?? BURST_DEFAULTS.suffixes;
  }

  /** Characters buffered so far (for diagnostics and tests). */
  get pending(): string {
    return this.buffer;
  }

  feed(event: KeyInput): KeyVerdict {
    if (MODIFIER_CODES.has(event.code) || event.key === 'Shift' || event.key === 'Dead') {
      return { type: 'ignored' };
    }
    const gap = event.timeStamp - this.lastAt;
    const inBurst = this.buffer !== '' && gap >= 0 && gap <= this.maxGapMs;

    const suffix = suffixOf(event);
    if (suffix && !event.ctrlKey && !event.altKey && !event.metaKey) {
      const burst = this.buffer;
      this.clear();
      if (!inBurst || !this.suffixes.includes(suffix)) return { type: 'reset' };
      if (this.prefix !== '' && !burst.startsWith(this.prefix)) return { type: 'reset' };
      const code = burst.slice(this.prefix.length);
      if (code.length < this.minLength) return { type: 'reset' };
      return { type: 'scan', code, length: burst.length };
    }

    const char = event.repeat ? null : characterOf(event);
    if (char === null) {
      this.clear();
      return { type: 'reset' };
    }
    const started = !inBurst;
    if (started) this.buffer = '';
    this.buffer += char;
    this.lastAt = event.timeStamp;
    return { type: 'char', char, started };
  }

  /** Forget any partial burst (focus moved, window blurred). */
  clear(): void {
    this.buffer = '';
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}

function suffixOf(event: KeyInput): ScanSuffix | null {
  if (event.code === 'Enter' || event.code === 'NumpadEnter') return 'Enter';
  if (event.code === 'Tab') return 'Tab';
  if (event.code === '' || event.code === 'Unidentified') {
    if (event.key === 'Enter') return 'Enter';
    if (event.key === 'Tab') return 'Tab';
  }
  return null;
}

function characterOf(event: KeyInput): string | null {
  if (event.metaKey || event.altKey) return null;
  if (event.ctrlKey) {
    // Ctrl+] is how keyboard-wedge scanners type GS (the GS1 separator) in a DataMatrix.
    return event.code === 'BracketRight' ? '\u001d' : null;
  }
  const plain = usCharacter(event.code, false);
  const shifted = usCharacter(event.code, true);
  if (plain !== null && shifted !== null) {
    // Where the layout agrees with US on this key, `key` carries the Shift state the scanner
    // meant even when the event has no shiftKey (synthetic input, some remote desktops). Caps
    // Lock flips a letter's case in `key`, so then Shift alone decides.
    const capsLock = event.getModifierState?.('CapsLock') === true;
    const trustKey = event.key === plain || event.key === shifted;
    if (trustKey && !(capsLock && event.code.startsWith('Key'))) return event.key;
    return event.shiftKey === true ? shifted : plain;
  }
  // No physical key to go by (virtual keyboards, some remote desktops): trust `key`.
  if ((event.code === '' || event.code === 'Unidentified') && [...event.key].length === 1) {
    return event.key;
  }
  return null;
}
