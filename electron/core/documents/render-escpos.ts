import type { CodePage } from '../../../shared/schemas/printing.schema';
import { EscPosBuilder } from '../devices/printer/escpos';
import type { PlacedPage } from './layout';

/** ESC/POS font A is 12 dots wide: the columns of a rule line. */
const CHAR_WIDTH = 12;

/** Turns placed pages into ESC/POS: each page is fed past the tear bar and cut. */
export function writeEscPos(codePage: CodePage, pages: PlacedPage[]): Buffer {
  const out = new EscPosBuilder(codePage);
  for (const page of pages) {
    for (const element of page.elements) {
      if (element.kind === 'text') {
        if (element.bitmap) {
          // Full-width bitmap with the alignment drawn into it.
          out.align('left').raster(element.bitmap);
        } else {
          out
            .align(element.align)
            .bold(element.bold)
            .size(element.scale, element.scale)
            .line(element.text)
            .size(1, 1)
            .bold(false);
        }
      } else if (element.kind === 'code128') {
        out.align('center').code128(element.data, {
          moduleWidth: element.module,
          heightDots: element.height,
        });
      } else if (element.kind === 'rule') {
        out.align('left').line('-'.repeat(Math.floor(element.width / CHAR_WIDTH)));
      } else {
        out.align('center').raster(element.bitmap);
      }
    }
    out.align('left').feed(3).cut();
  }
  return out.bytes();
}
