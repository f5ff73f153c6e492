import { describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import {
  manifestLayout,
  packingSlipLayout,
  pickListLayout,
  previewLayouts,
  renderLayouts,
  renderPackageLabel,
  renderTestPage,
  type PackageLabel,
} from '../../electron/core/documents/documents';
import { decodeEscPosStatus } from '../../electron/core/devices/printer/escpos';
import type { PrinterProfile } from '../../electron/core/documents/layout';
import { inkDots } from '../../electron/core/devices/printer/raster';
import { decodeZplStatus } from '../../electron/core/devices/printer/zpl';
import { readEscPos } from '../peers/escpos-reader';
import { readZpl } from '../peers/zpl-reader';

const LABEL: PackageLabel = {
  postingNumber: '0123456789-0001-1',
  orderNumber: '0123456789-0001',
  items: [
    { name: 'Кружка керамическая', offerId: 'MUG-1', quantity: 2 },
    { name: 'Tea ^set~ 绿茶', offerId: 'TEA_2', quantity: 1 },
    { name: 'Plain cup', offerId: 'CUP', quantity: 3 },
  ],
  warehouse: 'Склад Москва',
  addressee: 'محمد رضایی',
  date: '2026-11-23 09:00',
};

/** Decodes a PNG back to RGBA pixels, as the screen would show it. */
async function decodePng(png: Buffer) {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return {
    width: image.width,
    height: image.height,
    data: ctx.getImageData(0, 0, image.width, image.height).data,
  };
}

const ZEBRA: PrinterProfile = {
  name: 'Zebra',
  language: 'zpl',
  paper: '4x6in',
  dpi: 203,
  codePage: 'pc437',
};
const RECEIPT: PrinterProfile = {
  name: 'Receipt',
  language: 'escpos',
  paper: '80mm',
  dpi: 203,
  codePage: 'cp866',
};

describe('package label in ZPL', () => {
  it('decodes back to the posting number, its CODE128, ASCII text in font 0 and the rest as bitmaps', () => {
    const [label, extra] = readZpl(renderPackageLabel(ZEBRA, LABEL));
    expect(extra).toBeUndefined();
    // 4 x 6 in at 203 dpi is 812 x 1218 dots.
    expect(label).toMatchObject({ encoding: 28, width: 812, length: 1218 });
    const texts = label!.fields.filter((f) => f.kind === 'text');
    expect(texts.map((f) => f.data)).toEqual(
      expect.arrayContaining([
        '0123456789-0001-1',
        'Order 0123456789-0001',
        '3 x Plain cup [CUP]',
        '2026-11-23 09:00',
      ]),
    );
    for (const field of texts) expect(field.font).toBe('A0');
    expect(label!.fields.filter((f) => f.kind === 'code128').map((f) => f.data)).toEqual([
      '0123456789-0001-1',
    ]);
    // Cyrillic, Chinese (with ^ and ~ in it) and Persian lines, the addressee and the
    // warehouse: five bitmaps across the printable width (812 minus two 3 mm margins), inked.
    const graphics = label!.fields.filter((f) => f.kind === 'graphic');
    expect(graphics).toHaveLength(4);
    for (const g of graphics) {
      expect(g.bitmap!.width).toBe(Math.ceil((812 - 2 * 24) / 8) * 8);
      expect(inkDots(g.bitmap!)).toBeGreaterThan(50);
    }
    for (const field of label!.fields) expect(field.y).toBeLessThan(1218);
  });

  it('scales to 300 dpi and a small label', () => {
    const [label] = readZpl(renderPackageLabel({ ...ZEBRA, paper: '58x40mm', dpi: 300 }, LABEL));
    // 54 mm printable x 40 mm at 300 dpi.
    expect(label).toMatchObject({ width: 638, length: 472 });
    expect(label!.fields.some((f) => f.kind === 'code128' && f.data === LABEL.postingNumber)).toBe(
      true,
    );
    for (const field of label!.fields) expect(field.y).toBeLessThan(472);
  });
});

describe('package label in ESC/POS', () => {
  it('prints what the code page has as text and the rest as raster lines', () => {
    const doc = readEscPos(renderPackageLabel(RECEIPT, LABEL));
    expect(doc.codePage).toBe(17);
    expect(doc.barcodes).toEqual([
      expect.objectContaining({ type: 73, data: '0123456789-0001-1', hri: 2 }),
    ]);
    const lines = doc.lines.map((l) => l.text);
    expect(doc.lines[0]).toMatchObject({ text: '0123456789-0001-1', bold: true, align: 'center' });
    // CP866 has Cyrillic: printed by the printer's font.
    expect(lines).toContain('2 x Кружка керамическая [MUG-1]');
    expect(lines).toContain('From: Склад Москва');
    expect(lines).toContain('2026-11-23 09:00');
    // Chinese and Persian are not in any ESC/POS code page: 576-dot raster lines with ink.
    expect(lines.some((l) => l.includes('?'))).toBe(false);
    expect(doc.rasters).toHaveLength(2);
    for (const raster of doc.rasters) {
      expect(raster.width).toBe(576);
      expect(raster.height).toBe(24);
      expect(inkDots({ ...raster })).toBeGreaterThan(50);
    }
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
    // A 58 mm roll prints 48 mm: 384 dots.
    for (const raster of doc.rasters) expect(raster.width).toBe(384);
  });

  it('renders a test page in both languages', () => {
    const escpos = readEscPos(
      renderTestPage({ ...RECEIPT, paper: '58mm', codePage: 'wpc1251' }, 'now'),
    );
    expect(escpos.lines.map((l) => l.text)).toContain('Cyrillic: Проверка печати');
    expect(escpos.barcodes[0]?.data).toBe('PACKDESK-TEST');
    expect(escpos.rasters).toHaveLength(2);
    const [zpl] = readZpl(renderTestPage(ZEBRA, 'now'));
    expect(zpl!.fields.map((f) => f.data)).toEqual(
      expect.arrayContaining(['PACKDESK TEST PAGE', 'Zebra']),
    );
  });
});

describe('other documents', () => {
  const pickList = {
    id: 7,
    createdAt: 0,
    createdBy: 'Анна',
    postingNumbers: ['111-0001-1', '222-0001-1'],
    lines: [
      { sku: '1', offerId: 'MUG-1', name: 'Кружка', location: 'A-01', quantity: 3, postings: 2 },
      { sku: '2', offerId: 'TEA-2', name: '绿茶', location: null, quantity: 1, postings: 1 },
    ],
  };
  const batch = {
    id: 12,
    carrier: 'Ozon Логистика',
    state: 'closed' as const,
    createdAt: 0,
    createdBy: null,
    closedAt: 1,
    packages: [
      { postingNumber: '111-0001-1', packageIndex: 1, scannedAt: 0 },
      { postingNumber: '222-0001-1', packageIndex: 2, scannedAt: 0 },
    ],
  };

  it('prints a pick list with its id as CODE128, lines by location and every posting', () => {
    const doc = readEscPos(renderLayouts(RECEIPT, [pickListLayout(pickList, 'now')], 'pick'));
    const lines = doc.lines.map((l) => l.text);
    expect(doc.barcodes.map((b) => b.data)).toEqual(['PL-7']);
    expect(lines).toEqual(
      expect.arrayContaining([
        'PICK LIST 7',
        'A-01  3 x MUG-1',
        'Кружка',
        '-  1 x TEA-2',
        '111-0001-1',
        '222-0001-1',
      ]),
    );
    // The Chinese name went as a bitmap.
    expect(doc.rasters).toHaveLength(1);
  });

  it('prints a dispatch manifest with every package and the carrier', () => {
    const [label] = readZpl(
      renderLayouts({ ...ZEBRA, paper: '120x75mm' }, [manifestLayout(batch, 'now')], 'm'),
    );
    const texts = label!.fields.filter((f) => f.kind === 'text').map((f) => f.data);
    expect(texts).toEqual(
      expect.arrayContaining([
        'MANIFEST 12',
        '2 packages',
        '  1. 111-0001-1',
        '  2. 222-0001-1 #2',
      ]),
    );
    expect(label!.fields.filter((f) => f.kind === 'code128').map((f) => f.data)).toEqual(['DB-12']);
    // "Ozon Логистика" is not ASCII: a bitmap.
    expect(label!.fields.filter((f) => f.kind === 'graphic')).toHaveLength(1);
  });

  it('prints a packing slip with the item count', () => {
    const doc = readEscPos(renderLayouts(RECEIPT, [packingSlipLayout(LABEL)], 'slip'));
    const lines = doc.lines.map((l) => l.text);
    expect(lines).toEqual(
      expect.arrayContaining(['PACKING SLIP', '0123456789-0001-1', '3 lines, 6 pcs']),
    );
    expect(doc.barcodes.map((b) => b.data)).toEqual(['0123456789-0001-1']);
  });

  it('makes a PDF for OS printers, one page at the paper size', () => {
    const pdf = renderLayouts({ ...ZEBRA, language: 'pdf' }, [packingSlipLayout(LABEL)], 'slip');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // 4 x 6 in = 288 x 432 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 288 432\]/);
  });
});

describe('previews', () => {
  const cases: [PrinterProfile, number, number | null][] = [
    [{ ...RECEIPT, paper: '58mm' }, 464, null],
    [RECEIPT, 639, null],
    [ZEBRA, 812, 1218],
    [{ ...ZEBRA, dpi: 300 }, 1200, 1800],
    [{ ...ZEBRA, paper: '120x75mm' }, 959, 599],
    [{ ...ZEBRA, paper: '58x40mm' }, 464, 320],
    [{ ...ZEBRA, language: 'pdf', paper: '58x40mm' }, 464, 320],
  ];
  for (const [profile, width, height] of cases) {
    it(`draws ${profile.language} ${profile.paper} at ${profile.dpi} dpi as a ${width}-pixel-wide PNG`, async () => {
      const image = previewLayouts(profile, [packingSlipLayout(LABEL)]);
      const png = await decodePng(image.png);
      expect(png.width).toBe(width);
      expect(image.width).toBe(width);
      if (height !== null) expect(png.height).toBe(height);
      else expect(png.height).toBeGreaterThan(300);
      expect(image.height).toBe(png.height);
    });
  }

  it('shows the bitmap text exactly where the printer gets it', async () => {
    const image = previewLayouts(ZEBRA, [
      { body: [{ kind: 'text', text: 'محمد رضایی' }], footer: [] },
    ]);
    const png = await decodePng(image.png);
    const [label] = readZpl(
      renderLayouts(ZEBRA, [{ body: [{ kind: 'text', text: 'محمد رضایی' }], footer: [] }], 'x'),
    );
    const field = label!.fields.find((f) => f.kind === 'graphic')!;
    const bitmap = field.bitmap!;
    // Every inked dot of the sent bitmap is black in the preview, at the same place.
    let checked = 0;
    for (let y = 0; y < bitmap.height; y++) {
      for (let x = 0; x < bitmap.width; x++) {
        if (!((bitmap.data[y * bitmap.rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7)))) continue;
        const i = ((field.y + y) * png.width + field.x + x) * 4;
        expect(png.data[i]).toBe(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // Persian runs right to left: the ink sits in the right half of the line.
    let inkX = 0;
    for (let x = bitmap.width - 1; x >= 0 && !inkX; x--)
      for (let y = 0; y < bitmap.height; y++)
        if ((bitmap.data[y * bitmap.rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) inkX = x;
    expect(inkX).toBeGreaterThan(bitmap.width / 2);
  });
});

describe('printer status decoding', () => {
  it('reads Epson real-time status bytes', () => {
    expect(decodeEscPosStatus(Buffer.from([0x12, 0x12, 0x12]))).toEqual({
      state: 'ready',
      reason: null,
      reasonCode: null,
    });
    expect(decodeEscPosStatus(Buffer.from([0x1a, 0x32, 0x72]))).toMatchObject({
      state: 'paper_out',
      reasonCode: 'paper_out',
    });
    expect(decodeEscPosStatus(Buffer.from([0x1a, 0x16, 0x12]))).toMatchObject({
      state: 'cover_open',
      reasonCode: 'cover_open',
    });
    expect(decodeEscPosStatus(Buffer.from([0x12, 0x12, 0x1e]))).toEqual({
      state: 'ready',
      reason: 'Paper near end',
      reasonCode: 'paper_near_end',
    });
    // Offline by the printer's own word, and offline because of an error it reports.
    expect(decodeEscPosStatus(Buffer.from([0x1a, 0x12, 0x12]))).toMatchObject({
      state: 'offline',
      reasonCode: 'offline',
    });
    expect(decodeEscPosStatus(Buffer.from([0x1a, 0x52, 0x12]))).toMatchObject({
      state: 'offline',
      reasonCode: 'printer_error',
    });
    expect(decodeEscPosStatus(Buffer.from([0x00, 0x12, 0x12]))).toMatchObject({
      state: 'unknown',
      reasonCode: 'bad_answer',
    });
    expect(decodeEscPosStatus(null)).toMatchObject({ state: 'unknown', reasonCode: 'no_answer' });
  });

  it('reads ZPL host status', () => {
    const hs = (paperOut: number, pause: number, headUp: number) =>
      Buffer.from(
        `\x02030,${paperOut},${pause},1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,${headUp},0,0,2,4,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n`,
        'latin1',
      );
    expect(decodeZplStatus(hs(0, 0, 0))).toEqual({
      state: 'ready',
      reason: null,
      reasonCode: null,
    });
    expect(decodeZplStatus(hs(1, 1, 0))).toEqual({
      state: 'paper_out',
      reason: 'Paper out',
      reasonCode: 'paper_out',
    });
    expect(decodeZplStatus(hs(0, 1, 1))).toMatchObject({
      state: 'cover_open',
      reasonCode: 'cover_open',
    });
    expect(decodeZplStatus(hs(0, 1, 0))).toEqual({
      state: 'offline',
      reason: 'The printer is paused',
      reasonCode: 'paused',
    });
    expect(decodeZplStatus(Buffer.from('\x02030,0'))).toMatchObject({
      state: 'unknown',
      reasonCode: 'no_answer',
    });
  });
});
