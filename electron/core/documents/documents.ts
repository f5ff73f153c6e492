import type { DispatchBatch, PickList } from '../../../shared/schemas/packing.schema';
import { placeDocument, type DocumentLayout, type PrinterProfile } from './layout';
import { pdfDocument, previewPng, type PreviewImage } from './render-canvas';
import { writeEscPos } from './render-escpos';
import { writeZpl } from './render-zpl';

export type { PrinterProfile } from './layout';

/**
 * The documents Packdesk prints, written once as layouts (see layout.ts) and turned into the
 * printer's language. Each builder is pure: the same input always gives the same bytes.
 * Printed words are English for now; translated documents need the station language passed in.
 */
export interface PackageLabel {
  postingNumber: string;
  orderNumber: string | null;
  items: { name: string; offerId: string; quantity: number }[];
  warehouse: string | null;
  addressee: string | null;
  /** Already formatted for the station's locale and time zone, e.g. `2026-11-23 09:00`. */
  date: string;
}

export type PackingSlip = PackageLabel;

function itemLine(item: PackageLabel['items'][number]): string {
  return `${item.quantity} x ${item.name}${item.offerId ? ` [${item.offerId}]` : ''}`;
}

export function packageLabelLayout(doc: PackageLabel): DocumentLayout {
  return {
    body: [
      { kind: 'text', text: doc.postingNumber, size: 'large', bold: true, align: 'center' },
      { kind: 'code128', data: doc.postingNumber },
      ...(doc.orderNumber ? [{ kind: 'text' as const, text: `Order ${doc.orderNumber}` }] : []),
      { kind: 'rule' },
      ...doc.items.map((item) => ({ kind: 'text' as const, text: itemLine(item) })),
      { kind: 'rule' },
    ],
    footer: [
      ...(doc.addressee ? [{ kind: 'text' as const, text: `To: ${doc.addressee}` }] : []),
      ...(doc.warehouse ? [{ kind: 'text' as const, text: `From: ${doc.warehouse}` }] : []),
      { kind: 'text', text: doc.date },
    ],
  };
}

/** What is in the parcel, for the buyer: put in the box on the receipt printer. */
export function packingSlipLayout(doc: PackingSlip): DocumentLayout {
  const units = doc.items.reduce((sum, item) => sum + item.quantity, 0);
  return {
    body: [
      { kind: 'text', text: 'PACKING SLIP', size: 'large', bold: true, align: 'center' },
      { kind: 'text', text: doc.postingNumber, bold: true, align: 'center' },
      ...(doc.orderNumber ? [{ kind: 'text' as const, text: `Order ${doc.orderNumber}` }] : []),
      ...(doc.addressee ? [{ kind: 'text' as const, text: `To: ${doc.addressee}` }] : []),
      { kind: 'rule' },
      ...doc.items.map((item) => ({ kind: 'text' as const, text: itemLine(item) })),
      { kind: 'rule' },
      { kind: 'text', text: `${doc.items.length} lines, ${units} pcs`, bold: true },
      { kind: 'code128', data: doc.postingNumber },
    ],
    footer: [
      ...(doc.warehouse ? [{ kind: 'text' as const, text: `From: ${doc.warehouse}` }] : []),
      { kind: 'text', text: doc.date },
    ],
  };
}

export const pickListKey = (id: number) => `PL-${id}`;

/** One walk through the shelves: location, article, name, quantity; its id as a barcode. */
export function pickListLayout(list: PickList, date: string): DocumentLayout {
  const units = list.lines.reduce((sum, line) => sum + line.quantity, 0);
  return {
    body: [
      { kind: 'text', text: `PICK LIST ${list.id}`, size: 'large', bold: true, align: 'center' },
      { kind: 'code128', data: pickListKey(list.id) },
      {
        kind: 'text',
        text: `${list.postingNumbers.length} postings, ${list.lines.length} lines, ${units} pcs`,
      },
      ...(list.createdBy ? [{ kind: 'text' as const, text: `By ${list.createdBy}` }] : []),
      { kind: 'rule' },
      ...list.lines.flatMap((line) => [
        {
          kind: 'text' as const,
          text: `${line.location ?? '-'}  ${line.quantity} x ${line.offerId}`,
          bold: true,
        },
        { kind: 'text' as const, text: line.name },
      ]),
      { kind: 'rule' },
      ...list.postingNumbers.map((number) => ({
        kind: 'text' as const,
        text: number,
        size: 'small' as const,
      })),
    ],
    footer: [{ kind: 'text', text: date }],
  };
}

export const manifestKey = (id: number) => `DB-${id}`;

/** The handover sheet for a carrier: every package in the batch and two signatures. */
export function manifestLayout(batch: DispatchBatch, date: string): DocumentLayout {
  return {
    body: [
      { kind: 'text', text: `MANIFEST ${batch.id}`, size: 'large', bold: true, align: 'center' },
      { kind: 'code128', data: manifestKey(batch.id) },
      { kind: 'text', text: batch.carrier, bold: true },
      { kind: 'text', text: `${batch.packages.length} packages` },
      { kind: 'rule' },
      ...batch.packages.map((pkg, index) => ({
        kind: 'text' as const,
        text: `${String(index + 1).padStart(3, ' ')}. ${pkg.postingNumber}${pkg.packageIndex > 1 ? ` #${pkg.packageIndex}` : ''}`,
      })),
      { kind: 'rule' },
      { kind: 'text', text: 'Handed over: ____________' },
      { kind: 'text', text: 'Received:    ____________' },
    ],
    footer: [{ kind: 'text', text: date }],
  };
}

export function testPageLayout(printer: PrinterProfile, date: string): DocumentLayout {
  return {
    body: [
      { kind: 'text', text: 'PACKDESK TEST PAGE', bold: true, align: 'center' },
      { kind: 'text', text: printer.name },
      {
        kind: 'text',
        text: `${printer.language.toUpperCase()} ${printer.paper} ${printer.dpi} dpi`,
      },
      { kind: 'rule' },
      { kind: 'text', text: 'Latin: ABC abc 0123456789' },
      { kind: 'text', text: 'Cyrillic: Проверка печати' },
      { kind: 'text', text: 'Chinese: 打印测试' },
      { kind: 'text', text: 'Persian: آزمایش چاپ' },
      { kind: 'code128', data: 'PACKDESK-TEST' },
    ],
    footer: [{ kind: 'text', text: date }],
  };
}

/** The bytes for the printer: ESC/POS, ZPL, or a PDF for the OS spooler. */
export function renderLayouts(
  printer: PrinterProfile,
  layouts: DocumentLayout[],
  title: string,
): Buffer {
  const pages = placeDocument(printer, layouts);
  if (printer.language === 'escpos') return writeEscPos(printer.codePage, pages);
  if (printer.language === 'zpl') return writeZpl(pages);
  return pdfDocument(pages, printer.dpi, title);
}

/** The same placement as `renderLayouts`, drawn as a PNG. */
export function previewLayouts(printer: PrinterProfile, layouts: DocumentLayout[]): PreviewImage {
  return previewPng(placeDocument(printer, layouts), printer.language === 'escpos');
}

export function renderPackageLabel(printer: PrinterProfile, doc: PackageLabel): Buffer {
  return renderLayouts(printer, [packageLabelLayout(doc)], doc.postingNumber);
}

export function renderTestPage(printer: PrinterProfile, date: string): Buffer {
  return renderLayouts(printer, [testPageLayout(printer, date)], 'Packdesk test page');
}
