import { describe, expect, it } from 'vitest';
import {
  renderPackageLabel,
  renderTestPage,
  type PackageLabel,
} from '../../electron/core/printing/documents';
import { decodeEscPosStatus } from '../../electron/core/printing/escpos';
import { decodeZplStatus, UNICODE_FONT } from '../../electron/core/printing/zpl';
import { readEscPos } from '../peers/escpos-reader';
import { readZpl } from '../peers/zpl-reader';

const LABEL: PackageLabel = {
  postingNumber: '0123456789-0001-1',
  orderNumber: '0123456789-0001',
  items: [
    { name: 'Кружка керамическая', offerId: 'MUG-1', quantity: 2 },
    { name: 'Tea ^set~ 茶', offerId: 'TEA_2', quantity: 1 },
  ],
  warehouse: 'Склад Москва',
  addressee: 'Иван Петров',
  date: '2026-11-23 09:00',
};

describe('package label in ZPL', () => {
  it('decodes back to the posting number, its CODE128 and the items, in UTF-8 with page size', () => {
    const bytes = renderPackageLabel(
      { name: 'Zebra', language: 'zpl', paper: '4x6in', dpi: 203, codePage: 'pc437' },
      LABEL,
    );
    const [label, extra] = readZpl(bytes);
    expect(extra).toBeUndefined();
    expect(label).toMatchObject({ encoding: 28, width: 813, length: 1219 });
    const texts = label!.fields.filter((f) => f.kind === 'text').map((f) => f.data);
    expect(texts).toContain('0123456789-0001-1');
    expect(label!.fields.filter((f) => f.kind === 'code128').map((f) => f.data)).toEqual([
      '0123456789-0001-1',
    ]);
    expect(texts).toContain('2 x Кружка керамическая [MUG-1]');
    // `^` and `~` in a name cannot break out of the field.
    expect(texts).toContain('1 x Tea ^set~ 茶 [TEA_2]');
    expect(texts).toContain('To: Иван Петров');
    expect(texts).toContain('From: Склад Москва');
    expect(texts).toContain('2026-11-23 09:00');
    // Non-Latin text uses the printer's scalable Unicode font; Latin the built-in one.
    const cyrillic = label!.fields.find((f) => f.data.startsWith('2 x'));
    expect(cyrillic?.font).toBe(`A@:${UNICODE_FONT}`);
    expect(label!.fields.find((f) => f.data === '2026-11-23 09:00')?.font).toBe('A0');
    // Every field lies on the label.
    for (const field of label!.fields) expect(field.y).toBeLessThan(1219);
  });

  it('scales to 300 dpi and a small label', () => {
    const [label] = readZpl(
      renderPackageLabel(
        { name: 'z', language: 'zpl', paper: '58x40mm', dpi: 300, codePage: 'pc437' },
        LABEL,
      ),
    );
    expect(label).toMatchObject({ width: 648, length: 480 });
    expect(label!.fields.some((f) => f.kind === 'code128' && f.data === LABEL.postingNumber)).toBe(
      true,
    );
    for (const field of label!.fields) expect(field.y).toBeLessThan(480);
  });
});

describe('package label in ESC/POS', () => {
  it('decodes back through the configured code page; what it lacks prints as ?', () => {
    const bytes = renderPackageLabel(
      { name: 'Receipt', language: 'escpos', paper: '80mm', dpi: 203, codePage: 'cp866' },
      LABEL,
    );
    const doc = readEscPos(bytes);
    expect(doc.codePage).toBe(17);
    expect(doc.barcodes).toEqual([
      expect.objectContaining({ type: 73, data: '0123456789-0001-1', hri: 2 }),
    ]);
    const lines = doc.lines.map((l) => l.text);
    expect(doc.lines[0]).toMatchObject({ text: '0123456789-0001-1', bold: true, align: 'center' });
    expect(lines).toContain('2 x Кружка керамическая [MUG-1]');
    expect(lines).toContain('1 x Tea ^set~ ? [TEA_2]');
    expect(lines).toContain('To: Иван Петров');
    expect(lines).toContain('2026-11-23 09:00');
    expect(doc.cuts).toBe(1);
  });

  it('keeps lines within a 58 mm roll', () => {
    const doc = readEscPos(
      renderPackageLabel(
        { name: 'r', language: 'escpos', paper: '58mm', dpi: 203, codePage: 'pc437' },
        {
          ...LABEL,
          items: [
            {
              name: 'A very long product name that will not fit on one line',
              offerId: 'X',
              quantity: 3,
            },
          ],
        },
      ),
    );
    for (const line of doc.lines)
      expect(line.text.length * line.size.width).toBeLessThanOrEqual(32);
    expect(doc.lines.some((l) => l.text.startsWith('3 x A very long'))).toBe(true);
  });

  it('renders a test page in both languages', () => {
    const escpos = readEscPos(
      renderTestPage(
        { name: 'Desk', language: 'escpos', paper: '58mm', dpi: 203, codePage: 'wpc1251' },
        'now',
      ),
    );
    expect(escpos.lines.map((l) => l.text)).toContain('Cyrillic: Проверка печати');
    expect(escpos.barcodes[0]?.data).toBe('PACKDESK-TEST');
    const [zpl] = readZpl(
      renderTestPage(
        { name: 'Desk', language: 'zpl', paper: '4x6in', dpi: 203, codePage: 'pc437' },
        'now',
      ),
    );
    expect(zpl!.fields.map((f) => f.data)).toEqual(
      expect.arrayContaining(['PACKDESK TEST PAGE', 'Desk']),
    );
  });
});

describe('printer status decoding', () => {
  it('reads Epson real-time status bytes', () => {
    expect(decodeEscPosStatus(Buffer.from([0x12, 0x12, 0x12]))).toEqual({
      state: 'ready',
      reason: null,
    });
    expect(decodeEscPosStatus(Buffer.from([0x1a, 0x32, 0x72])).state).toBe('paper_out');
    expect(decodeEscPosStatus(Buffer.from([0x1a, 0x16, 0x12])).state).toBe('cover_open');
    expect(decodeEscPosStatus(Buffer.from([0x12, 0x12, 0x1e]))).toEqual({
      state: 'ready',
      reason: 'Paper near end',
    });
    expect(decodeEscPosStatus(Buffer.from([0x00, 0x12, 0x12])).state).toBe('unknown');
    expect(decodeEscPosStatus(null).state).toBe('unknown');
  });

  it('reads ZPL host status', () => {
    const hs = (paperOut: number, pause: number, headUp: number) =>
      Buffer.from(
        `\x02030,${paperOut},${pause},1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,${headUp},0,0,2,4,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n`,
        'latin1',
      );
    expect(decodeZplStatus(hs(0, 0, 0)).state).toBe('ready');
    expect(decodeZplStatus(hs(1, 1, 0))).toEqual({ state: 'paper_out', reason: 'Paper out' });
    expect(decodeZplStatus(hs(0, 1, 1)).state).toBe('cover_open');
    expect(decodeZplStatus(hs(0, 1, 0))).toEqual({
      state: 'offline',
      reason: 'The printer is paused',
    });
    expect(decodeZplStatus(Buffer.from('\x02030,0')).state).toBe('unknown');
  });
});
