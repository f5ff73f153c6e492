import { createCanvas, PDFDocument, type SKRSContext2D } from '@napi-rs/canvas';
import bwipjs from 'bwip-js/node';
import type { PlacedPage } from './layout';
import { drawTextLine, type Bitmap } from '../devices/printer/raster';

/**
 * Draws placed pages with Skia: into a PNG for the on-screen preview, or into a PDF for printers
 * behind the OS spooler. Bitmaps are the very ones sent to the printer; native printer text is
 * drawn with our fonts at the printer's character height, so its glyphs differ slightly from
 * the printer's own, but not its position or size.
 */
function drawBitmap(ctx: SKRSContext2D, bitmap: Bitmap, x: number, y: number): void {
  const image = ctx.createImageData(bitmap.width, bitmap.height);
  for (let row = 0; row < bitmap.height; row++) {
    for (let col = 0; col < bitmap.width; col++) {
      const ink = (bitmap.data[row * bitmap.rowBytes + (col >> 3)] ?? 0) & (0x80 >> (col & 7));
      const i = (row * bitmap.width + col) * 4;
      const value = ink ? 0 : 255;
      image.data[i] = value;
      image.data[i + 1] = value;
      image.data[i + 2] = value;
      image.data[i + 3] = ink ? 255 : 0;
    }
  }
  // Through a canvas so white stays transparent (putImageData would overwrite what is below).
  const layer = createCanvas(bitmap.width, bitmap.height);
  layer.getContext('2d').putImageData(image, 0, 0);
  ctx.drawImage(layer, x, y);
}

/**
 * CODE128 in code set B only, as both printers are told to print it (`{B`, `^BC` without a
 * mode), so the bars here have the printer's width module for module.
 */
function drawCode128(
  ctx: SKRSContext2D,
  element: { x: number; y: number; height: number; module: number; data: string },
  center: { width: number } | null,
): void {
  const [symbol] = bwipjs.raw('code128', element.data, 'suppressc');
  const widths: number[] = symbol && 'sbs' in symbol ? symbol.sbs : [];
  const total = widths.reduce((sum, w) => sum + w, 0) * element.module;
  let x = center ? element.x + Math.max(0, (center.width - total) / 2) : element.x;
  widths.forEach((w, i) => {
    if (i % 2 === 0) ctx.fillRect(x, element.y, w * element.module, element.height);
    x += w * element.module;
  });
  const hri = Math.min(24, Math.round(element.height / 3));
  const start = center ? element.x + Math.max(0, (center.width - total) / 2) : element.x;
  drawTextLine(
    ctx,
    element.data,
    { x: start, y: element.y + element.height + 2, width: total, height: hri },
    { bold: false, align: 'center' },
  );
}

export function paintPage(ctx: SKRSContext2D, page: PlacedPage, centerBarcodes: boolean): void {
  ctx.fillStyle = '#000';
  for (const element of page.elements) {
    if (element.kind === 'text') {
      if (element.bitmap) drawBitmap(ctx, element.bitmap, element.x, element.y);
      else
        drawTextLine(
          ctx,
          element.text,
          { x: element.x, y: element.y, width: element.width, height: element.height },
          { bold: element.bold, align: element.align },
        );
    } else if (element.kind === 'code128') {
      drawCode128(ctx, element, centerBarcodes ? { width: page.width } : null);
    } else if (element.kind === 'rule') {
      ctx.fillRect(element.x, element.y, element.width, element.thickness);
    } else {
      drawBitmap(ctx, element.bitmap, element.x, element.y);
    }
  }
}

export interface PreviewImage {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * The pages as one PNG, paper-wide at the printer's dots (a 58 mm roll at 203 dpi is 464 px
 * wide, its printable 384 dots centred), pages one below the other with a thin gap.
 */
export function previewPng(pages: PlacedPage[], centerBarcodes: boolean): PreviewImage {
  const gap = 8;
  const width = Math.max(1, ...pages.map((p) => p.paperWidth));
  const height = Math.max(
    1,
    pages.reduce((sum, p) => sum + p.height, 0) + gap * (pages.length - 1),
  );
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#d9d9d9';
  ctx.fillRect(0, 0, width, height);
  let top = 0;
  for (const page of pages) {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, top, page.paperWidth, page.height);
    ctx.save();
    ctx.translate(Math.floor((page.paperWidth - page.width) / 2), top);
    paintPage(ctx, page, centerBarcodes);
    ctx.restore();
    top += page.height + gap;
  }
  return { png: canvas.toBuffer('image/png'), width, height };
}

/** The pages as a PDF, one page per label at the paper's size; text stays real text. */
export function pdfDocument(pages: PlacedPage[], dpi: number, title: string): Buffer {
  const doc = new PDFDocument({ title, creator: 'Packdesk', producer: 'Packdesk' });
  const points = 72 / dpi;
  for (const page of pages) {
    // The PDF page context is the same Skia context as a canvas's, typed apart.
    const ctx = doc.beginPage(
      page.paperWidth * points,
      page.height * points,
    ) as unknown as SKRSContext2D;
    ctx.scale(points, points);
    ctx.translate(Math.floor((page.paperWidth - page.width) / 2), 0);
    paintPage(ctx, page, false);
    doc.endPage();
  }
  return doc.close();
}
