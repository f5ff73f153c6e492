import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { FONT_STACK, ensureFonts, isRtl } from './fonts';

/**
 * A 1-bit image in printer order: rows top to bottom, each `rowBytes` long, most significant
 * bit leftmost, 1 = ink. Both ESC/POS `GS v 0` and ZPL `^GF` take exactly this.
 */
export interface Bitmap {
  width: number;
  height: number;
  rowBytes: number;
  data: Buffer;
}

export type Align = 'left' | 'center' | 'right';

/** Dots darker than this (0–255 luminance) print. */
const INK_THRESHOLD = 160;

/** Thresholds an 8-bit gray (or RGBA when `channels` is 4) image into a bitmap. */
export function toBitmap(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: 1 | 4,
): Bitmap {
  const rowBytes = Math.ceil(width / 8);
  const data = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      const gray = channels === 1 ? (pixels[i] ?? 255) : luminance(pixels, i);
      if (gray < INK_THRESHOLD) data[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, rowBytes, data };
}

function luminance(rgba: Uint8Array | Uint8ClampedArray, i: number): number {
  const alpha = (rgba[i + 3] ?? 255) / 255;
  const gray = 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
  // Transparent is paper.
  return 255 - alpha * (255 - gray);
}

/** Dots with ink: tests and previews check that a bitmap is not blank. */
export function inkDots(bitmap: Bitmap): number {
  let count = 0;
  for (const byte of bitmap.data) for (let b = byte; b; b &= b - 1) count++;
  return count;
}

export function font(px: number, bold: boolean): string {
  return `${bold ? 'bold ' : ''}${Math.max(1, Math.round(px))}px ${FONT_STACK}`;
}

/**
 * Draws one line of text into a box, shaped by Skia/HarfBuzz (so Persian letters join and run
 * right to left), shrunk with an ellipsis when it does not fit. Right-to-left text aligned
 * "left" goes to the right: left means "where the line starts".
 */
export function drawTextLine(
  ctx: SKRSContext2D,
  text: string,
  box: { x: number; y: number; width: number; height: number },
  options: { bold: boolean; align: Align },
): void {
  ensureFonts();
  const rtl = isRtl(text);
  const px = box.height * 0.8;
  ctx.font = font(px, options.bold);
  ctx.direction = rtl ? 'rtl' : 'ltr';
  ctx.textBaseline = 'alphabetic';
  const align: Align = rtl && options.align === 'left' ? 'right' : options.align;
  ctx.textAlign = align;
  const shown = fitText(ctx, text, box.width);
  const x =
    align === 'left' ? box.x : align === 'right' ? box.x + box.width : box.x + box.width / 2;
  // Baseline at 80% of the box leaves room for descenders.
  ctx.fillText(shown, x, box.y + box.height * 0.8);
}

function fitText(ctx: SKRSContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ctx.measureText(`${chars.slice(0, mid).join('')}…`).width <= width) low = mid;
    else high = mid - 1;
  }
  return `${chars.slice(0, low).join('')}…`;
}

/** One line of text as a bitmap `width` dots wide and `height` dots tall. */
export function textBitmap(
  text: string,
  width: number,
  height: number,
  options: { bold: boolean; align: Align },
): Bitmap {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  drawTextLine(ctx, text, { x: 0, y: 0, width, height }, options);
  return toBitmap(ctx.getImageData(0, 0, width, height).data, width, height, 4);
}
