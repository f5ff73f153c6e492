/**
 * Decimal strings ("1530.00", "0.5", "-12") to integer minor units, exactly: money never passes
 * through a float. Returns null for anything that is not a plain decimal number.
 */
export function decimalToMinor(value: string | number, fractionDigits = 2): number | null {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  // Digits beyond the currency's precision are dropped only when they are zeros.
  if (/[1-9]/.test(fraction.slice(fractionDigits))) return null;
  const minor = Number(whole + fraction.slice(0, fractionDigits).padEnd(fractionDigits, '0'));
  if (!Number.isSafeInteger(minor)) return null;
  return sign && minor !== 0 ? -minor : minor;
}

/** Integer minor units back to a decimal string with `fractionDigits` places. */
export function minorToDecimal(minor: number, fractionDigits = 2): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(fractionDigits + 1, '0');
  return fractionDigits === 0
    ? `${sign}${digits}`
    : `${sign}${digits.slice(0, -fractionDigits)}.${digits.slice(-fractionDigits)}`;
}
