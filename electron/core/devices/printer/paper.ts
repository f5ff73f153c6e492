import type { PaperSize, PrinterDpi } from '../../../../shared/schemas/printing.schema';

export interface PaperGeometry {
  /** Across the print head. */
  widthMm: number;
  /** Null for a continuous roll. */
  lengthMm: number | null;
  /** What the head can reach: a 58 mm roll prints 48 mm, an 80 mm roll 72 mm. */
  printableMm: number;
}

export const PAPER: Record<PaperSize, PaperGeometry> = {
  '58mm': { widthMm: 58, lengthMm: null, printableMm: 48 },
  '80mm': { widthMm: 80, lengthMm: null, printableMm: 72 },
  '4x6in': { widthMm: 101.6, lengthMm: 152.4, printableMm: 101.6 },
  '120x75mm': { widthMm: 120, lengthMm: 75, printableMm: 104 },
  '58x40mm': { widthMm: 58, lengthMm: 40, printableMm: 54 },
};

/** Dots per millimetre, exactly: a 4 in label on a 203 dpi head is 812 dots, not 813. */
export function dotsPerMm(dpi: PrinterDpi | number): number {
  return dpi / 25.4;
}

export function mmToDots(mm: number, dpi: PrinterDpi | number): number {
  return Math.round(mm * dotsPerMm(dpi));
}
