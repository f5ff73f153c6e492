import iconv from 'iconv-lite';
import { CODE_PAGE_TABLES } from '../devices/printer/escpos';
import type { PrinterProfile } from '../devices/printer/profile';
import { PAPER, mmToDots } from '../devices/printer/paper';
import { textBitmap, type Align, type Bitmap } from '../devices/printer/raster';

/** Declared with the printer (devices/printer/profile.ts); re-exported for the documents. */
export type { PrinterProfile };

/**
 * Documents are written once as blocks, placed on the page for one printer, and the same
 * placement is then turned into ESC/POS, ZPL, a PDF or a preview PNG: what the preview shows
 * is where the printer puts it. Text the printer's own fonts cannot show is rasterised here,
 * once, and the very same bitmap is sent and previewed.
 */
export type TextSize = 'small' | 'normal' | 'large';

export type Block =
  | { kind: 'text'; text: string; size?: TextSize; bold?: boolean; align?: Align }
  | { kind: 'code128'; data: string }
  | { kind: 'rule' }
  | { kind: 'image'; bitmap: Bitmap };

export interface DocumentLayout {
  body: Block[];
  /** Pinned to the bottom of a die-cut label; follows the body on a roll. */
  footer: Block[];
  /** Several pages (a multi-page marketplace PDF) print as several labels. */
  pageBreakBefore?: boolean;
}

export type Placed =
  | {
      kind: 'text';
      x: number;
      y: number;
      width: number;
      height: number;
      text: string;
      bold: boolean;
      align: Align;
      /** ESC/POS size multiplier for native text. */
      scale: number;
      /** Null: the printer draws it with its own font. Otherwise exactly what is sent. */
      bitmap: Bitmap | null;
    }
  | { kind: 'code128'; x: number; y: number; height: number; module: number; data: string }
  | { kind: 'rule'; x: number; y: number; width: number; thickness: number }
  | { kind: 'image'; x: number; y: number; bitmap: Bitmap };

export interface PlacedPage {
  /** Printable area in dots. */
  width: number;
  height: number;
  /** The paper in dots, for previews: the printable area sits centred on it. */
  paperWidth: number;
  elements: Placed[];
}

/** Printable ASCII: what every printer font has. */
const ASCII = /^[\x20-\x7e]*$/;

/** Whether the printer's own font can print this text, or it has to go as a bitmap. */
export function printerCanPrint(profile: PrinterProfile, text: string): boolean {
  if (profile.language === 'pdf') return true;
  if (ASCII.test(text)) return true;
  if (profile.language === 'zpl') return false;
  const encoding = CODE_PAGE_TABLES[profile.codePage].encoding;
  return iconv.decode(iconv.encode(text, encoding), encoding) === text;
}

export function pageGeometry(profile: PrinterProfile): {
  width: number;
  paperWidth: number;
  length: number | null;
} {
  const paper = PAPER[profile.paper];
  return {
    width: mmToDots(paper.printableMm, profile.dpi),
    paperWidth: mmToDots(paper.widthMm, profile.dpi),
    length: paper.lengthMm === null ? null : mmToDots(paper.lengthMm, profile.dpi),
  };
}

/** Dots per millimetre as a real number (203 dpi is 7.99). */
function dpmm(profile: PrinterProfile): number {
  return profile.dpi / 25.4;
}

/** ESC/POS font A is 12 × 24 dots; a text line advances 30 dots (the default 1/6 in spacing, rounded). */
const ESCPOS_CHAR = { width: 12, height: 24, advance: 30 };

/**
 * A roll on an ESC/POS printer: lines follow each other in the printer's own font A, scaled
 * with `GS !`; text the code page lacks becomes a full-width bitmap line of the same height.
 */
function placeEscPos(profile: PrinterProfile, pages: DocumentLayout[]): PlacedPage[] {
  const { width, paperWidth } = pageGeometry(profile);
  return pages.map((page) => {
    const elements: Placed[] = [];
    let y = 0;
    for (const block of [...page.body, ...page.footer]) {
      if (block.kind === 'text') {
        const scale = block.size === 'large' ? 2 : 1;
        const height = ESCPOS_CHAR.height * scale;
        const bold = block.bold ?? false;
        const align = block.align ?? 'left';
        const columns = Math.floor(width / (ESCPOS_CHAR.width * scale));
        const native = printerCanPrint(profile, block.text);
        const text = native ? clip(block.text, columns) : block.text;
        const bitmap = native ? null : textBitmap(text, width, height, { bold, align });
        elements.push({ kind: 'text', x: 0, y, width, height, text, bold, align, scale, bitmap });
        y += native ? ESCPOS_CHAR.advance * scale : height;
      } else if (block.kind === 'code128') {
        const height = mmToDots(10, profile.dpi);
        elements.push({ kind: 'code128', x: 0, y, height, module: 2, data: block.data });
        y += height + ESCPOS_CHAR.advance; // bars, then the human-readable line
      } else if (block.kind === 'rule') {
        elements.push({ kind: 'rule', x: 0, y: y + ESCPOS_CHAR.height / 2, width, thickness: 2 });
        y += ESCPOS_CHAR.advance;
      } else {
        elements.push({ kind: 'image', x: 0, y, bitmap: block.bitmap });
        y += block.bitmap.height;
      }
    }
    // The printer feeds three lines past the last one before cutting.
    return { width, height: y + 3 * ESCPOS_CHAR.advance, paperWidth, elements };
  });
}

interface LabelMetrics {
  margin: number;
  big: number;
  text: number;
  gap: number;
  barHeight: number;
  module: number;
}

function labelMetrics(profile: PrinterProfile): LabelMetrics {
  const paper = PAPER[profile.paper];
  const d = dpmm(profile);
  // Small labels (58x40, rolls) get smaller type; everything scales with the head's dots per mm.
  const small = paper.printableMm < 70 || (paper.lengthMm ?? Infinity) < 60;
  const text = Math.round((small ? 2.5 : 3.5) * d);
  return {
    margin: Math.round(3 * d),
    big: Math.round((small ? 4 : 6) * d),
    text,
    gap: Math.round(text * 0.25),
    barHeight: Math.round((small ? 8 : 15) * d),
    module: profile.dpi >= 300 ? 3 : small ? 2 : 3,
  };
}

/**
 * A ZPL label or a PDF page: fields at fixed positions from a margin, the footer pinned to the
 * bottom of a die-cut label. ZPL's built-in font 0 prints ASCII only, so any other text is a
 * `^GF` bitmap (a Unicode font would have to be downloaded to each printer); a PDF carries all
 * text as real, shaped text.
 */
function placeLabel(profile: PrinterProfile, pages: DocumentLayout[]): PlacedPage[] {
  const geometry = pageGeometry(profile);
  const m = labelMetrics(profile);
  const inner = geometry.width - 2 * m.margin;
  return pages.map((page) => {
    const elements: Placed[] = [];
    const place = (blocks: Block[], from: number): number => {
      let y = from;
      for (const block of blocks) {
        if (block.kind === 'text') {
          const height =
            block.size === 'large'
              ? m.big
              : block.size === 'small'
                ? Math.round(m.text * 0.8)
                : m.text;
          const bold = block.bold ?? false;
          const align = block.align ?? 'left';
          const native = printerCanPrint(profile, block.text);
          // Font 0 is about 0.6 of its height wide per character.
          const text =
            native && profile.language === 'zpl'
              ? clip(block.text, Math.floor(inner / (height * 0.6)))
              : block.text;
          const bitmap = native ? null : textBitmap(text, inner, height, { bold, align });
          // ZPL font 0 text is placed from its left edge (no field block): so is its preview.
          const placedAlign = native && profile.language === 'zpl' ? 'left' : align;
          elements.push({
            kind: 'text',
            x: m.margin,
            y,
            width: inner,
            height,
            text,
            bold,
            align: placedAlign,
            scale: 1,
            bitmap,
          });
          y += height + m.gap;
        } else if (block.kind === 'code128') {
          elements.push({
            kind: 'code128',
            x: m.margin,
            y,
            height: m.barHeight,
            module: m.module,
            data: block.data,
          });
          // The interpretation line below the bars is about one text line.
          y += m.barHeight + m.text + 3 * m.gap;
        } else if (block.kind === 'rule') {
          elements.push({ kind: 'rule', x: m.margin, y, width: inner, thickness: 2 });
          y += 2 + 2 * m.gap;
        } else {
          const x = Math.max(0, Math.floor((geometry.width - block.bitmap.width) / 2));
          elements.push({ kind: 'image', x, y, bitmap: block.bitmap });
          y += block.bitmap.height;
        }
      }
      return y;
    };
    const images = page.body.every((b) => b.kind === 'image');
    const top = place(page.body, images ? 0 : m.margin);
    const footerHeight = page.footer.reduce((sum) => sum + m.text + m.gap, 0);
    const length = geometry.length ?? top + footerHeight + m.margin;
    if (geometry.length !== null && top > length - footerHeight - m.margin) {
      // The body ran into the footer: drop body text from the end until it fits.
      while (
        elements.length &&
        (elements.at(-1)?.y ?? 0) + m.text > length - footerHeight - m.margin
      )
        elements.pop();
    }
    place(page.footer, length - m.margin - footerHeight);
    return { width: geometry.width, height: length, paperWidth: geometry.paperWidth, elements };
  });
}

export function placeDocument(profile: PrinterProfile, pages: DocumentLayout[]): PlacedPage[] {
  return profile.language === 'escpos' ? placeEscPos(profile, pages) : placeLabel(profile, pages);
}

/** Shortens text for a printer font, which may lack `…`: the cut is marked with `.`. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}.`;
}
