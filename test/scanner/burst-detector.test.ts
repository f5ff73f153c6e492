import { describe, expect, it } from 'vitest';
import {
  BurstDetector,
  type BurstDetectorOptions,
  type KeyInput,
} from '../../renderer/src/scanner/burst-detector';

/** The physical key (US layout) and Shift state for one character, as a scanner would press it. */
function physical(char: string): { code: string; shiftKey: boolean } {
  if (/^[0-9]$/.test(char)) return { code: `Digit${char}`, shiftKey: false };
  if (/^[a-z]$/.test(char)) return { code: `Key${char.toUpperCase()}`, shiftKey: false };
  if (/^[A-Z]$/.test(char)) return { code: `Key${char}`, shiftKey: true };
  const table: Record<string, [string, boolean]> = {
    '-': ['Minus', false],
    _: ['Minus', true],
    '/': ['Slash', false],
    '.': ['Period', false],
    ':': ['Semicolon', true],
    ']': ['BracketRight', false],
    '%': ['Digit5', true],
    ' ': ['Space', false],
    '+': ['Equal', true],
  };
  const hit = table[char];
  if (!hit) throw new Error(`no key for ${char}`);
  return { code: hit[0], shiftKey: hit[1] };
}

/** What a Russian ЙЦУКЕН layout reports as `key` for a physical key (the scanner's intent ignored). */
const RUSSIAN: Record<string, string> = {
  KeyQ: 'й',
  KeyW: 'ц',
  KeyE: 'у',
  KeyR: 'к',
  KeyT: 'е',
  KeyY: 'н',
  KeyP: 'з',
  KeyD: 'в',
  KeyC: 'с',
  KeyM: 'ь',
  Semicolon: 'ж',
  Slash: '.',
  Digit1: '1',
  Digit2: '2',
  Digit3: '3',
  Digit7: '7',
  Minus: '-',
};

interface Typed {
  events: KeyInput[];
  end: number;
}

/** Keydowns for `text` then a suffix, one key every `delay` ms starting at `start`. */
function type(
  text: string,
  { start = 0, delay = 5, suffix = 'Enter', layout = 'us' as 'us' | 'ru' | 'ime' } = {},
): Typed {
  const events: KeyInput[] = [];
  let t = start;
  for (const char of text) {
    const { code, shiftKey } = physical(char);
    let key = char;
    if (layout === 'ru') {
      const ru = RUSSIAN[code] ?? char;
      key = shiftKey ? ru.toUpperCase() : ru;
    } else if (layout === 'ime') {
      key = 'Process';
    }
    events.push({ code, key, shiftKey, timeStamp: t });
    t += delay;
  }
  if (suffix) events.push({ code: suffix, key: suffix, timeStamp: t });
  return { events, end: t };
}

function scansOf(events: KeyInput[], options?: BurstDetectorOptions): string[] {
  const detector = new BurstDetector(options);
  const scans: string[] = [];
  for (const event of events) {
    const verdict = detector.feed(event);
    if (verdict.type === 'scan') scans.push(verdict.code);
  }
  return scans;
}

describe('BurstDetector', () => {
  it('defaults: 35 ms gap, 4 characters, Enter or Tab', () => {
    const detector = new BurstDetector();
    expect([detector.maxGapMs, detector.minLength, detector.prefix]).toEqual([35, 4, '']);
    expect(detector.suffixes).toEqual(['Enter', 'Tab']);
  });

  it('takes a 5 ms burst ending in Enter for a scan, dashes and all', () => {
    expect(scansOf(type('4006381333931').events)).toEqual(['4006381333931']);
    expect(scansOf(type('0123456789-0001-1').events)).toEqual(['0123456789-0001-1']);
    expect(scansOf(type('PD1:0123456789-0001-1:2').events)).toEqual(['PD1:0123456789-0001-1:2']);
  });

  it('reports the terminating key as a scan with the number of characters typed', () => {
    const detector = new BurstDetector();
    const verdicts = type('ABC-12').events.map((e) => detector.feed(e));
    expect(verdicts[0]).toEqual({ type: 'char', char: 'A', started: true });
    expect(verdicts[1]).toEqual({ type: 'char', char: 'B', started: false });
    expect(verdicts.at(-1)).toEqual({ type: 'scan', code: 'ABC-12', length: 6 });
  });

  it('never takes a human typist at 120 ms per key for a scanner', () => {
    const detector = new BurstDetector();
    const verdicts = type('4006381333931', { delay: 120 }).events.map((e) => detector.feed(e));
    expect(verdicts.filter((v) => v.type === 'scan')).toEqual([]);
    // every character starts a fresh burst, so nothing is ever a candidate
    expect(
      verdicts.filter((v) => v.type === 'char').every((v) => v.type === 'char' && v.started),
    ).toBe(true);
  });

  it('counts ten scans 50 ms apart: none dropped, none doubled', () => {
    const codes = Array.from({ length: 10 }, (_, i) => `46000000000${String(i).padStart(2, '0')}`);
    const events: KeyInput[] = [];
    let t = 1000;
    for (const code of codes) {
      const typed = type(code, { start: t, delay: 5 });
      events.push(...typed.events);
      t = typed.end + 50;
    }
    expect(scansOf(events)).toEqual(codes);
  });

  it('counts back-to-back scans with no pause between them', () => {
    const first = type('11112222', { delay: 3 });
    const second = type('33334444', { start: first.end + 3, delay: 3 });
    expect(scansOf([...first.events, ...second.events])).toEqual(['11112222', '33334444']);
  });

  it('decodes a burst on a Russian layout by physical key, not by event.key', () => {
    const typed = type('0123456789-0001-1', { layout: 'ru' });
    expect(scansOf(typed.events)).toEqual(['0123456789-0001-1']);
    const letters = type('QWERTY-DC/M:7', { layout: 'ru' });
    expect(letters.events[0]).toMatchObject({ code: 'KeyQ', key: 'Й' });
    expect(letters.events.map((e) => e.key).join('')).toBe('ЙЦУКЕН-ВС.ЬЖ7Enter');
    expect(scansOf(letters.events)).toEqual(['QWERTY-DC/M:7']);
  });

  it('decodes a burst typed while an IME is composing (key = "Process")', () => {
    expect(scansOf(type('PDCMD:COMPLETE', { layout: 'ime' }).events)).toEqual(['PDCMD:COMPLETE']);
  });

  it('rejects bursts shorter than minLength and a slow suffix', () => {
    expect(scansOf(type('ABC').events)).toEqual([]);
    expect(scansOf(type('AB', { delay: 1 }).events, { minLength: 2 })).toEqual(['AB']);
    const typed = type('4006381333931', { suffix: '' });
    const late: KeyInput = { code: 'Enter', key: 'Enter', timeStamp: typed.end + 200 };
    expect(scansOf([...typed.events, late])).toEqual([]);
  });

  it('starts over after a gap over the maximum', () => {
    const first = type('999', { suffix: '' });
    const second = type('4006381333931', { start: first.end + 100 });
    expect(scansOf([...first.events, ...second.events])).toEqual(['4006381333931']);
    const detector = new BurstDetector({ maxGapMs: 20 });
    const slowish = type('12345678', { delay: 25 }).events.map((e) => detector.feed(e));
    expect(slowish.some((v) => v.type === 'scan')).toBe(false);
  });

  it('ends on Tab, and only on the suffixes configured', () => {
    expect(scansOf(type('4006381333931', { suffix: 'Tab' }).events)).toEqual(['4006381333931']);
    expect(
      scansOf(type('4006381333931', { suffix: 'Tab' }).events, { suffixes: ['Enter'] }),
    ).toEqual([]);
    expect(
      scansOf(type('4006381333931', { suffix: 'NumpadEnter' }).events, { suffixes: ['Enter'] }),
    ).toEqual(['4006381333931']);
  });

  it('strips a configured prefix and ignores bursts without it', () => {
    const options = { prefix: '%%' };
    expect(scansOf(type('%%4006381333931').events, options)).toEqual(['4006381333931']);
    expect(scansOf(type('4006381333931').events, options)).toEqual([]);
    // minLength counts the code, not the prefix
    expect(scansOf(type('%%ABC').events, options)).toEqual([]);
  });

  it('keeps AIM identifiers for classifyScan to strip', () => {
    expect(scansOf(type(']E04006381333931').events)).toEqual([']E04006381333931']);
  });

  it('types GS for Ctrl+] inside a DataMatrix burst', () => {
    const head = type('0104006381333931', { suffix: '' });
    const gs: KeyInput = { code: 'BracketRight', key: ']', ctrlKey: true, timeStamp: head.end };
    const tail = type('91EE10', { start: head.end + 5 });
    expect(scansOf([...head.events, gs, ...tail.events])).toEqual(['0104006381333931\u001d91EE10']);
  });

  it('ignores Shift presses but resets on other keys, shortcuts and auto-repeat', () => {
    const typed = type('ABCD').events;
    const withShift: KeyInput[] = typed.flatMap((e) =>
      e.shiftKey ? [{ code: 'ShiftLeft', key: 'Shift', timeStamp: e.timeStamp }, e] : [e],
    );
    expect(scansOf(withShift)).toEqual(['ABCD']);
    const backspace: KeyInput = { code: 'Backspace', key: 'Backspace', timeStamp: 7 };
    expect(scansOf([...type('1234', { suffix: '' }).events, backspace])).toEqual([]);
    const ctrlV: KeyInput = { code: 'KeyV', key: 'v', ctrlKey: true, timeStamp: 10 };
    const pasted = type('12345678', { suffix: '' });
    expect(scansOf([ctrlV, ...pasted.events])).toEqual([]);
    const held = type('5555').events.map((e, i) =>
      i > 0 && e.code !== 'Enter' ? { ...e, repeat: true } : e,
    );
    expect(scansOf(held)).toEqual([]);
  });

  it('lets a human Enter through as a reset, not a scan', () => {
    const detector = new BurstDetector();
    expect(detector.feed({ code: 'Enter', key: 'Enter', timeStamp: 0 })).toEqual({ type: 'reset' });
    expect(detector.pending).toBe('');
  });
  it('trusts key where the layout agrees with US: synthetic input without Shift keeps capitals', () => {
    // Playwright, remote desktops and some wedge firmwares send `P` and `:` without shiftKey.
    const events = type('PDCMD:COMPLETE').events.map((event) => ({ ...event, shiftKey: false }));
    expect(scansOf(events)).toEqual(['PDCMD:COMPLETE']);
  });

  it('lets Shift alone decide a letter when Caps Lock flips key', () => {
    const capsLock = (name: string) => name === 'CapsLock';
    // Caps Lock on, scanner types lower case "ab12": key shows capitals, Shift is up.
    const events = type('ab12').events.map((event) => ({
      ...event,
      key: event.key.length === 1 ? event.key.toUpperCase() : event.key,
      getModifierState: capsLock,
    }));
    expect(scansOf(events)).toEqual(['ab12']);
  });

  it('goes by the physical key where the layout disagrees with US (AZERTY, QWERTZ)', () => {
    // French AZERTY: the key in the US "Q" place types "a"; German QWERTZ swaps Y and Z.
    const events = type('QYZ1').events.map((event) => ({
      ...event,
      key: ({ KeyQ: 'A', KeyY: 'Z', KeyZ: 'Y' } as Record<string, string>)[event.code] ?? event.key,
    }));
    expect(scansOf(events)).toEqual(['QYZ1']);
  });
});
