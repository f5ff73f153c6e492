/** GS1 check digit for the digits of an EAN-13/EAN-8/UPC-A/GTIN-14 code without its last digit. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** True for an EAN-13, EAN-8 or UPC-A code whose check digit is right. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13})$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/** True when the last digit of an all-digit code is the GS1 check digit of the rest. */
export function hasValidCheckDigit(code: string): boolean {
  if (!/^\d{2,}$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/**
 * UPC-E (8 digits: number system 0 or 1, six data digits, check digit) expanded to the UPC-A it
 * abbreviates, or null when the input is not shaped like UPC-E. The check digit is carried over
 * unchanged, so the result's check digit is right exactly when the UPC-E's was.
 */
export function expandUpcE(code: string): string | null {
  if (!/^[01]\d{7}$/.test(code)) return null;
  const ns = code[0]!;
  const [d1, d2, d3, d4, d5, d6] = code.slice(1, 7);
  const check = code[7]!;
  let body: string;
  switch (d6) {
    case '0':
    case '1':
    case '2':
      body = `${d1}${d2}${d6}0000${d3}${d4}${d5}`;
      break;
    case '3':
      body = `${d1}${d2}${d3}00000${d4}${d5}`;
      break;
    case '4':
      body = `${d1}${d2}${d3}${d4}00000${d5}`;
      break;
    default:
      body = `${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  }
  return `${ns}${body}${check}`;
}

/** True for an 8-digit UPC-E whose check digit (computed over its UPC-A expansion) is right. */
export function isValidUpcE(code: string): boolean {
  const upcA = expandUpcE(code);
  return upcA !== null && hasValidCheckDigit(upcA);
}

/** A GTIN zero-padded to 14 digits: one key for the same item written as UPC-A, EAN-13 or GTIN-14. */
export function toGtin14(code: string): string {
  return code.padStart(14, '0');
}

export type GtinFormat = 'ean13' | 'ean8' | 'upca' | 'upce' | 'gtin14';

/**
 * Every spelling under which a product catalogue may hold the same GTIN: the code as scanned,
 * its UPC-A expansion (for UPC-E), the 13-digit form, the 12-digit form when it starts with 0,
 * and the 14-digit form. Look a scanned GTIN up under each of these in order.
 */
export function gtinVariants(code: string, format: GtinFormat): string[] {
  const full = (format === 'upce' ? expandUpcE(code) : null) ?? code;
  const gtin14 = toGtin14(full);
  const variants = [code, full, gtin14.slice(1), gtin14];
  if (gtin14.startsWith('00')) variants.push(gtin14.slice(2));
  return [...new Set(variants.filter((v) => v.length >= 8))];
}

/** ASCII 29, the GS1 group separator; also what scanners send for FNC1 inside a code. */
export const GS = '\u001d';

/**
 * The GTIN (AI 01) at the start of a GS1 element string such as a Chestny Znak marking code
 * (`01<GTIN-14>21<serial><GS>91…<GS>92…`), or null when it does not start with AI 01.
 */
export function gs1Gtin(elementString: string): string | null {
  const match = /^01(\d{14})/.exec(elementString);
  return match ? match[1]! : null;
}
