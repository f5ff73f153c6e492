import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyScan,
  commandBarcode,
  packageLabelBarcode,
  SCAN_COMMANDS,
  type ScanCommand,
} from '../../shared/domain/scan';
import {
  expandUpcE,
  gs1CheckDigit,
  gtinVariants,
  isValidUpcE,
  GS,
} from '../../shared/lib/barcodes';

const KINDS = [
  'posting',
  'package_label',
  'marketplace_label',
  'gtin',
  'invalid_check_digit',
  'command',
  'sku',
  'unknown',
];

function withCheckDigit(body: string): string {
  return `${body}${gs1CheckDigit(body)}`;
}

function flipLastDigit(code: string, by: number): string {
  const last = Number(code.at(-1));
  return `${code.slice(0, -1)}${(last + by) % 10}`;
}

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

describe('classifyScan: examples', () => {
  it('reads Ozon posting and order numbers', () => {
    expect(classifyScan('0123456789-0001-1')).toMatchObject({
      kind: 'posting',
      postingNumber: '0123456789-0001-1',
      orderNumber: '0123456789-0001',
    });
    expect(classifyScan('87654321-0002')).toMatchObject({
      kind: 'posting',
      postingNumber: null,
      orderNumber: '87654321-0002',
    });
  });

  it('reads our package labels and refuses malformed ones', () => {
    const label = packageLabelBarcode('0123456789-0001-1', 2);
    expect(label).toBe('PD1:0123456789-0001-1:2');
    expect(classifyScan(label)).toMatchObject({
      kind: 'package_label',
      postingNumber: '0123456789-0001-1',
      packageIndex: 2,
    });
    expect(classifyScan('pd1:0123456789-0001-1:2')).toMatchObject({ kind: 'package_label' });
    expect(classifyScan('PD1:0123456789-0001-1:0')).toMatchObject({
      kind: 'unknown',
      reason: 'bad_package_label',
    });
    expect(classifyScan('PD1:nope:1')).toMatchObject({ reason: 'bad_package_label' });
    expect(() => packageLabelBarcode('x', 1)).toThrow();
  });

  it('reads every command barcode, in either case, and flags unknown commands', () => {
    for (const command of Object.keys(SCAN_COMMANDS) as ScanCommand[]) {
      expect(classifyScan(commandBarcode(command))).toMatchObject({ kind: 'command', command });
      expect(classifyScan(commandBarcode(command).toLowerCase())).toMatchObject({ command });
    }
    expect(commandBarcode('complete')).toBe('PDCMD:COMPLETE');
    expect(classifyScan('PDCMD:SELF_DESTRUCT')).toMatchObject({ reason: 'unknown_command' });
  });

  it('takes a 15-digit code for an Ozon label barcode', () => {
    expect(classifyScan('710000000001234')).toMatchObject({ kind: 'marketplace_label' });
  });

  it('validates GTIN check digits', () => {
    expect(classifyScan('4006381333931')).toMatchObject({
      kind: 'gtin',
      format: 'ean13',
      gtin14: '04006381333931',
    });
    expect(classifyScan('4006381333932')).toMatchObject({
      kind: 'invalid_check_digit',
      format: 'ean13',
      expectedCheckDigit: 1,
    });
    expect(classifyScan('036000291452')).toMatchObject({ kind: 'gtin', format: 'upca' });
    expect(classifyScan('96385074')).toMatchObject({ kind: 'gtin', format: 'ean8' });
  });

  it('expands UPC-E to UPC-A and matches it against the catalogue', () => {
    // 0 425261 4 → UPC-A 042100005264 (worked example from the GS1 spec tables).
    expect(expandUpcE('04252614')).toBe('042100005264');
    expect(isValidUpcE('04252614')).toBe(true);
    const catalogue = new Map([['042100005264', 'peanuts']]);
    const scan = classifyScan('04252614', { findProduct: (c) => catalogue.get(c) });
    expect(scan).toMatchObject({
      kind: 'gtin',
      format: 'upce',
      gtin14: '00042100005264',
      product: 'peanuts',
    });
    // With the EAN/UPC symbology identifier the scanner has told us it is UPC-E.
    expect(classifyScan(']E004252614')).toMatchObject({ format: 'upce', symbology: ']E0' });
    expect(gtinVariants('042100005264', 'upca')).toContain('0042100005264');
  });

  it('finds a product stored as EAN-13 when scanned as UPC-A', () => {
    const catalogue = new Map([['0036000291452', 'soap']]);
    expect(classifyScan('036000291452', { findProduct: (c) => catalogue.get(c) })).toMatchObject({
      kind: 'gtin',
      product: 'soap',
    });
  });

  it('strips AIM prefixes, FNC1 and whitespace', () => {
    expect(classifyScan(']E04006381333931\r\n')).toMatchObject({
      kind: 'gtin',
      code: '4006381333931',
      symbology: ']E0',
    });
    expect(classifyScan(']C1 0123456789-0001-1 ')).toMatchObject({ kind: 'posting' });
    expect(classifyScan('  \u00a04006381333931\t')).toMatchObject({ kind: 'gtin' });
  });

  it('reads a GS1 DataMatrix marking code, keeping its GS separators', () => {
    const gtin = '04006381333931';
    const payload = `01${gtin}21AbC123xyz${GS}91EE10${GS}92dGVzdA==`;
    for (const raw of [payload, `]d2${payload}`, `${GS}${payload}`, `]d2${GS}${payload}`]) {
      expect(classifyScan(raw)).toMatchObject({
        kind: 'gtin',
        format: 'gs1',
        gtin14: gtin,
        markingCode: payload,
      });
    }
    expect(classifyScan(`0104006381333932${'21AbC'}${GS}91EE10`)).toMatchObject({
      kind: 'invalid_check_digit',
      format: 'gs1',
    });
  });

  it('uses the caller lookup for SKUs and offer ids', () => {
    const products = new Map([
      ['ШАПКА-КРАСНАЯ', { id: 1 }],
      ['123456789', { id: 2 }],
      ['4006381333932', { id: 3 }], // a seller's own barcode with a "wrong" check digit
    ]);
    const context = { findProduct: (c: string) => products.get(c) };
    expect(classifyScan('ШАПКА-КРАСНАЯ', context)).toEqual({
      kind: 'sku',
      code: 'ШАПКА-КРАСНАЯ',
      symbology: null,
      product: { id: 1 },
    });
    expect(classifyScan('123456789', context)).toMatchObject({ kind: 'sku', product: { id: 2 } });
    expect(classifyScan('4006381333932', context)).toMatchObject({ kind: 'sku' });
    expect(classifyScan('nothing-here', context)).toMatchObject({ reason: 'no_match' });
    const throwing = {
      findProduct: () => {
        throw new Error('db closed');
      },
    };
    expect(classifyScan('ABC', throwing)).toMatchObject({ reason: 'lookup_failed' });
  });

  it('rejects junk with a reason', () => {
    expect(classifyScan('')).toMatchObject({ kind: 'unknown', reason: 'empty' });
    expect(classifyScan(' \r\n')).toMatchObject({ reason: 'empty' });
    expect(classifyScan('A'.repeat(513))).toMatchObject({ reason: 'too_long' });
    expect(classifyScan('AB\u0000CD')).toMatchObject({ reason: 'control_characters' });
    expect(classifyScan('AB\u001bCD')).toMatchObject({ reason: 'control_characters' });
    expect(classifyScan(`AB${GS}CD`)).toMatchObject({ reason: 'control_characters' });
    expect(classifyScan('\ud800abc')).toMatchObject({ reason: 'binary' });
    expect(classifyScan('ab\ufffd')).toMatchObject({ reason: 'binary' });
    expect(classifyScan(42)).toMatchObject({ reason: 'not_text' });
    expect(classifyScan(null)).toMatchObject({ reason: 'not_text' });
  });
});

describe('classifyScan: properties', () => {
  const anyInput = fc.oneof(
    fc.string({ maxLength: 600 }),
    fc.string({ unit: 'binary', maxLength: 600 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.uint8Array({ maxLength: 600 }).map((bytes) => String.fromCharCode(...bytes)),
    fc
      .uint8Array({ maxLength: 200 })
      .map((bytes) => new TextDecoder('utf-8', { fatal: false }).decode(bytes)),
  );

  it('never throws and always classifies', () => {
    fc.assert(
      fc.property(anyInput, fc.boolean(), (raw, withLookup) => {
        const result = classifyScan(
          raw,
          withLookup ? { findProduct: (c) => (c.length % 3 === 0 ? c : undefined) } : {},
        );
        expect(KINDS).toContain(result.kind);
        expect(typeof result.code).toBe('string');
        expect(result.code.length).toBeLessThanOrEqual(512);
        if (result.kind === 'unknown') expect(typeof result.reason).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('classifies every valid EAN-13, EAN-8 and UPC-A as a GTIN', () => {
    const gtins = fc.oneof(
      digits(12).map(withCheckDigit),
      digits(7).map(withCheckDigit),
      digits(11).map(withCheckDigit),
    );
    fc.assert(
      fc.property(gtins, (code) => {
        const result = classifyScan(code);
        expect(result).toMatchObject({ kind: 'gtin', code, gtin14: code.padStart(14, '0') });
      }),
      { numRuns: 1000 },
    );
  });

  it('turns a wrong check digit into invalid_check_digit (EAN-13, UPC-A)', () => {
    const gtins = fc.oneof(digits(12).map(withCheckDigit), digits(11).map(withCheckDigit));
    fc.assert(
      fc.property(gtins, fc.integer({ min: 1, max: 9 }), (code, by) => {
        const flipped = flipLastDigit(code, by);
        const result = classifyScan(flipped);
        expect(result.kind).toBe('invalid_check_digit');
        if (result.kind === 'invalid_check_digit') {
          expect(result.expectedCheckDigit).toBe(Number(code.at(-1)));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('turns a wrong EAN-8 check digit into invalid_check_digit unless it then reads as UPC-E', () => {
    fc.assert(
      fc.property(digits(7).map(withCheckDigit), fc.integer({ min: 1, max: 9 }), (code, by) => {
        const flipped = flipLastDigit(code, by);
        const result = classifyScan(flipped);
        if (isValidUpcE(flipped)) {
          expect(result).toMatchObject({ kind: 'gtin', format: 'upce' });
        } else {
          expect(result).toMatchObject({ kind: 'invalid_check_digit', format: 'ean8' });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads every posting number the marketplace can issue', () => {
    const posting = fc
      .tuple(
        fc.integer({ min: 8, max: 10 }).chain(digits),
        digits(4),
        fc.integer({ min: 1, max: 99 }),
      )
      .map(([order, seq, n]) => `${order}-${seq}-${n}`);
    fc.assert(
      fc.property(posting, fc.integer({ min: 1, max: 999 }), (number, index) => {
        expect(classifyScan(number)).toMatchObject({ kind: 'posting', postingNumber: number });
        expect(classifyScan(packageLabelBarcode(number, index))).toMatchObject({
          kind: 'package_label',
          postingNumber: number,
          packageIndex: index,
        });
      }),
    );
  });
});
