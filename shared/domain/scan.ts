import {
  GS,
  type GtinFormat,
  gs1Gtin,
  gtinVariants,
  hasValidCheckDigit,
  isValidUpcE,
  expandUpcE,
  gs1CheckDigit,
} from '../lib/barcodes';

/** One read from any scanner: a keyboard-wedge burst in the renderer or a line from a serial port. */
export interface ScanEvent {
  code: string;
  source: 'keyboard' | 'serial';
  /** Epoch milliseconds. */
  at: number;
}

/** Longest input we look at; anything longer is noise (a paste, a stuck key), not a barcode. */
export const MAX_SCAN_LENGTH = 512;

// ---------------------------------------------------------------------------------------------
// Our own barcodes
// ---------------------------------------------------------------------------------------------

/**
 * Printable command barcodes, so a packer can drive the station without touching the screen.
 * Printed as CODE128 of `PDCMD:<NAME>`; matched case-insensitively (a Caps Lock on the PC
 * flips the case of what a keyboard-wedge scanner types).
 */
export const SCAN_COMMANDS = {
  complete: 'COMPLETE',
  new_package: 'NEW_PACKAGE',
  skip: 'SKIP',
  undo: 'UNDO',
  switch_operator: 'SWITCH_OPERATOR',
} as const;
export type ScanCommand = keyof typeof SCAN_COMMANDS;

export const COMMAND_PREFIX = 'PDCMD:';

/** The text to print as a barcode for a command, e.g. `PDCMD:COMPLETE`. */
export function commandBarcode(command: ScanCommand): string {
  return `${COMMAND_PREFIX}${SCAN_COMMANDS[command]}`;
}

/** Prefix of our package labels, versioned so the format can change without misreading old labels. */
export const PACKAGE_LABEL_PREFIX = 'PD1:';
export const MAX_PACKAGES = 999;

/**
 * The text of our own package label: `PD1:<postingNumber>:<packageIndex>`, package index from 1,
 * e.g. `PD1:0123456789-0001-1:2`. Only characters every keyboard layout and CODE128 carry.
 */
export function packageLabelBarcode(postingNumber: string, packageIndex: number): string {
  if (!POSTING_NUMBER.test(postingNumber)) throw new Error('not a posting number');
  if (!Number.isInteger(packageIndex) || packageIndex < 1 || packageIndex > MAX_PACKAGES) {
    throw new Error('package index out of range');
  }
  return `${PACKAGE_LABEL_PREFIX}${postingNumber}:${packageIndex}`;
}

// ---------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------

/** Ozon posting number (`<order>-<n>`) and order number (`<8–10 digits>-<4 digits>`). */
const POSTING_NUMBER = /^\d{8,10}-\d{4}-\d{1,2}$/;
const ORDER_NUMBER = /^\d{8,10}-\d{4}$/;
/** Ozon's `barcodes.upper_barcode` / `lower_barcode` on the shipping label. */
const MARKETPLACE_LABEL = /^\d{15}$/;
/** AIM symbology identifier: `]` + code character + modifier, e.g. `]C1`, `]E0`, `]d2`, `]Q3`. */
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;
/** Symbologies whose content is a GS1 element string. */
const GS1_SYMBOLOGIES = new Set([']C1', ']d2', ']Q3', ']e0', ']J1']);

export type UnknownScanReason =
  | 'not_text'
  | 'empty'
  | 'too_long'
  | 'control_characters'
  | 'binary'
  | 'unknown_command'
  | 'bad_package_label'
  | 'lookup_failed'
  | 'no_match';

interface ScanBase {
  /** The code after AIM prefix, FNC1 and whitespace clean-up. */
  code: string;
  /** The AIM symbology identifier the scanner sent, if any (e.g. `]E0`). */
  symbology: string | null;
}

export type ScanClass<P = never> = ScanBase &
  (
    | { kind: 'posting'; postingNumber: string | null; orderNumber: string }
    | { kind: 'package_label'; postingNumber: string; packageIndex: number }
    | { kind: 'marketplace_label' }
    | {
        kind: 'gtin';
        format: GtinFormat | 'gs1';
        /** The GTIN zero-padded to 14 digits (UPC-E expanded first): compare on this. */
        gtin14: string;
        /** The whole GS1 element string (with its GS separators) for a marking code, else null. */
        markingCode: string | null;
        product: P | null;
      }
    | { kind: 'invalid_check_digit'; format: GtinFormat | 'gs1'; expectedCheckDigit: number }
    | { kind: 'command'; command: ScanCommand }
    | { kind: 'sku'; product: P }
    | { kind: 'unknown'; reason: UnknownScanReason }
  );

export type ScanKind = ScanClass['kind'];

export interface ScanContext<P> {
  /**
   * Finds a product by SKU, offer id or one of its barcodes. For a GTIN it is asked under each
   * spelling from `gtinVariants` in turn. Errors it throws are caught (the scan is `unknown`).
   */
  findProduct?: (code: string) => P | null | undefined;
}

/**
 * Says what a scanned code is. Pure and total: any input gives a result, nothing throws.
 * Order: our commands and package labels, posting/order numbers, GS1 element strings, Ozon
 * label barcodes, GTINs (check digit validated), then the caller's product lookup.
 */
export function classifyScan<P = never>(raw: unknown, context: ScanContext<P> = {}): ScanClass<P> {
  if (typeof raw !== 'string') return unknown('', null, 'not_text');
  if (raw.length > MAX_SCAN_LENGTH) return unknown('', null, 'too_long');

  let text = raw;
  // Some scanners send FNC1 as a leading GS before (or instead of) the AIM identifier.
  text = text.replace(/^[\s\u001d]+/, '');
  let symbology: string | null = null;
  const aim = AIM_PREFIX.exec(text);
  if (aim) {
    symbology = aim[0];
    text = text.slice(3);
  }
  text = text
    .replace(/^\u001d+/, '') // FNC1 in first position
    .replace(/[\s\u001d]+$/, '') // terminators: CR, LF, Tab, trailing FNC1
    .replace(/^\s+/, '')
    .replace(/[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' '); // one plain space
  const code = text;

  if (code === '') return unknown(code, symbology, 'empty');
  // C0 and C1 controls other than GS (a GS1 separator), which is judged below.
  if (/[\u0000-\u001c\u001e-\u001f\u007f-\u009f]/.test(code)) {
    return unknown(code, symbology, 'control_characters');
  }
  // Lone surrogates, U+FFFD (undecodable bytes) and noncharacters: random bytes, not a barcode.
  if (
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffd\ufffe\uffff]/.test(
      code,
    )
  ) {
    return unknown(code, symbology, 'binary');
  }
  const base = { code, symbology };

  const upper = code.toUpperCase();
  if (upper.startsWith(COMMAND_PREFIX)) {
    const name = upper.slice(COMMAND_PREFIX.length);
    const command = (Object.keys(SCAN_COMMANDS) as ScanCommand[]).find(
      (key) => SCAN_COMMANDS[key] === name,
    );
    return command
      ? { ...base, kind: 'command', command }
      : unknown(code, symbology, 'unknown_command');
  }
  if (upper.startsWith(PACKAGE_LABEL_PREFIX)) {
    const [, postingNumber = '', index = ''] = code.split(':');
    const packageIndex = /^\d{1,3}$/.test(index) ? Number(index) : 0;
    if (code.split(':').length === 3 && POSTING_NUMBER.test(postingNumber) && packageIndex >= 1) {
      return { ...base, kind: 'package_label', postingNumber, packageIndex };
    }
    return unknown(code, symbology, 'bad_package_label');
  }
  if (POSTING_NUMBER.test(code)) {
    const orderNumber = code.slice(0, code.lastIndexOf('-'));
    return { ...base, kind: 'posting', postingNumber: code, orderNumber };
  }
  if (ORDER_NUMBER.test(code)) {
    return { ...base, kind: 'posting', postingNumber: null, orderNumber: code };
  }

  const lookup = (candidates: readonly string[]): { found: P | null } | 'failed' => {
    if (!context.findProduct) return { found: null };
    try {
      for (const candidate of candidates) {
        const found = context.findProduct(candidate);
        if (found !== null && found !== undefined) return { found };
      }
      return { found: null };
    } catch {
      return 'failed';
    }
  };

  // GS1 element string (GS1-128, GS1 DataMatrix such as a Chestny Znak marking code).
  const gtinInside = gs1Gtin(code);
  const looksGs1 =
    gtinInside !== null &&
    code.length > 16 &&
    (code.includes(GS) ||
      (symbology !== null && GS1_SYMBOLOGIES.has(symbology)) ||
      /^01\d{14}(21|10|17|11)/.test(code));
  if (looksGs1 && gtinInside !== null) {
    if (!hasValidCheckDigit(gtinInside)) {
      return {
        ...base,
        kind: 'invalid_check_digit',
        format: 'gs1',
        expectedCheckDigit: gs1CheckDigit(gtinInside.slice(0, -1)),
      };
    }
    const found = lookup(gtinVariants(gtinInside, 'gtin14'));
    if (found === 'failed') return unknown(code, symbology, 'lookup_failed');
    return {
      ...base,
      kind: 'gtin',
      format: 'gs1',
      gtin14: gtinInside,
      markingCode: code,
      product: found.found,
    };
  }
  if (code.includes(GS)) return unknown(code, symbology, 'control_characters');

  if (MARKETPLACE_LABEL.test(code)) return { ...base, kind: 'marketplace_label' };

  const format = gtinFormat(code, symbology);
  if (format) {
    const valid = format === 'upce' ? isValidUpcE(code) : hasValidCheckDigit(code);
    const found = lookup(valid ? gtinVariants(code, format) : [code]);
    if (found === 'failed') return unknown(code, symbology, 'lookup_failed');
    if (valid) {
      const full = format === 'upce' ? (expandUpcE(code) ?? code) : code;
      return {
        ...base,
        kind: 'gtin',
        format,
        gtin14: full.padStart(14, '0'),
        markingCode: null,
        product: found.found,
      };
    }
    // A seller's own numeric barcode may have any last digit; if the catalogue knows it, it wins.
    if (found.found !== null) return { ...base, kind: 'sku', product: found.found };
    const body = (format === 'upce' ? (expandUpcE(code) ?? code) : code).slice(0, -1);
    return {
      ...base,
      kind: 'invalid_check_digit',
      format,
      expectedCheckDigit: gs1CheckDigit(body),
    };
  }

  const found = lookup([code]);
  if (found === 'failed') return unknown(code, symbology, 'lookup_failed');
  if (found.found !== null) return { ...base, kind: 'sku', product: found.found };
  return unknown(code, symbology, 'no_match');
}

/**
 * Which GTIN an all-digit code would be, by length. Eight digits are EAN-8 unless the scanner
 * said EAN/UPC (`]E0`) or the code is only valid read as UPC-E (number system 0 or 1).
 */
function gtinFormat(code: string, symbology: string | null): GtinFormat | null {
  if (!/^\d+$/.test(code)) return null;
  switch (code.length) {
    case 8:
      if (symbology === ']E4') return 'ean8';
      if (symbology === ']E0' && expandUpcE(code) !== null) return 'upce';
      if (!hasValidCheckDigit(code) && isValidUpcE(code)) return 'upce';
      return 'ean8';
    case 12:
      return 'upca';
    case 13:
      return 'ean13';
    case 14:
      return 'gtin14';
    default:
      return null;
  }
}

function unknown(code: string, symbology: string | null, reason: UnknownScanReason) {
  return { code, symbology, kind: 'unknown' as const, reason };
}
