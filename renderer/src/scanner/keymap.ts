/**
 * `KeyboardEvent.code` (the physical key) to the character a US layout gives, without and with
 * Shift. A keyboard-wedge scanner presses physical keys as if the PC had a US layout, so reading
 * `code` instead of `key` gives the right text whatever layout or input method the PC has on
 * (Russian ЙЦУКЕН, Chinese Pinyin IME, Caps Lock).
 */
const US: Record<string, readonly [string, string]> = {
  Backquote: ['`', '~'],
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
};
const SHIFTED_DIGITS = ')!@#$%^&*(';
for (let d = 0; d <= 9; d++) {
  US[`Digit${d}`] = [String(d), SHIFTED_DIGITS[d]!];
  US[`Numpad${d}`] = [String(d), String(d)];
}
for (let c = 65; c <= 90; c++) {
  const upper = String.fromCharCode(c);
  US[`Key${upper}`] = [upper.toLowerCase(), upper];
}

/** The character a US layout types for this physical key, or null for a non-character key. */
export function usCharacter(code: string, shift: boolean): string | null {
  const pair = US[code];
  return pair ? pair[shift ? 1 : 0] : null;
}

/** Keys that only modify others; a scanner presses Shift around capitals, so they are ignored. */
export const MODIFIER_CODES: ReadonlySet<string> = new Set([
  'ShiftLeft',
  'ShiftRight',
  'ControlLeft',
  'ControlRight',
  'AltLeft',
  'AltRight',
  'MetaLeft',
  'MetaRight',
  'CapsLock',
  'NumLock',
]);
