import { PDFiumLibrary } from '@hyzyla/pdfium';
import { pageGeometry, type DocumentLayout, type PrinterProfile } from './layout';
import { toBitmap, type Bitmap } from '../devices/printer/raster';

/**
 * The marketplace's label PDF for a thermal printer: each page rendered by PDFium (WebAssembly,
 * no native code, no download) at the printer's own dots, fitted to the printable width and
 * the label's length, and thresholded to 1 bit. An OS printer gets the PDF itself instead.
 */
let library: Promise<PDFiumLibrary> | null = null;

function pdfium(): Promise<PDFiumLibrary> {
  library ??= PDFiumLibrary.init();
  return library;
}

export class LabelPdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelPdfError';
  }
}

export async function rasterisePdf(pdf: Uint8Array, printer: PrinterProfile): Promise<Bitmap[]> {
  const lib = await pdfium();
  let document;
  try {
    document = await lib.loadDocument(pdf);
  } catch (error) {
    throw new LabelPdfError(
      `The label PDF cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    const { width, length } = pageGeometry(printer);
    const bitmaps: Bitmap[] = [];
    for (const page of document.pages()) {
      const { originalWidth, originalHeight } = page.getOriginalSize();
      // Points to dots at the printer's resolution, shrunk to fit the printable area.
      const natural = printer.dpi / 72;
      const scale = Math.min(
        natural,
        width / originalWidth,
        length === null ? Infinity : length / originalHeight,
      );
      const w = Math.max(1, Math.floor(originalWidth * scale));
      const h = Math.max(1, Math.floor(originalHeight * scale));
      const render = await page.render({
        width: w,
        height: h,
        colorSpace: 'Gray',
        render: 'bitmap',
      });
      bitmaps.push(toBitmap(render.data, render.width, render.height, 1));
    }
    if (!bitmaps.length) throw new LabelPdfError('The label PDF has no pages');
    return bitmaps;
  } finally {
    document.destroy();
  }
}

/** One label per PDF page. */
export function marketplaceLabelLayouts(bitmaps: Bitmap[]): DocumentLayout[] {
  return bitmaps.map((bitmap) => ({ body: [{ kind: 'image', bitmap }], footer: [] }));
}
