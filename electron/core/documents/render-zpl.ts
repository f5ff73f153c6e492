import type { PlacedPage } from './layout';
import { boxField, code128Field, graphicField, label, textField } from '../devices/printer/zpl';

/** Turns placed pages into ZPL: one `^XA…^XZ` label per page. */
export function writeZpl(pages: PlacedPage[]): Buffer {
  return Buffer.concat(
    pages.map((page) => {
      const fields = page.elements.map((element) => {
        switch (element.kind) {
          case 'text':
            return element.bitmap
              ? graphicField(element.x, element.y, element.bitmap)
              : textField(element.x, element.y, element.height, element.text);
          case 'code128':
            return code128Field(element.x, element.y, element.height, element.module, element.data);
          case 'rule':
            return boxField(
              element.x,
              element.y,
              element.width,
              element.thickness,
              element.thickness,
            );
          case 'image':
            return graphicField(element.x, element.y, element.bitmap);
        }
      });
      return label(page.width, page.height, fields);
    }),
  );
}
