import type { CodePage, PaperSize, PrinterLanguage } from '../../../shared/schemas/printing.schema';
import { EscPosBuilder } from './escpos';
import { PAPER, dotsPerMm, mmToDots } from './paper';
import { boxField, code128Field, label, textField } from './zpl';

/** What a document needs to know about the printer it is rendered for. */
export interface PrinterProfile {
  name: string;
  language: PrinterLanguage;
  paper: PaperSize;
  dpi: number;
  codePage: CodePage;
}

export interface PackageLabel {
  postingNumber: string;
  orderNumber: string | null;
  items: { name: string; offerId: string; quantity: number }[];
  warehouse: string | null;
  addressee: string | null;
  /** Already formatted for the station's locale and time zone, e.g. `2026-11-23 09:00`. */
  date: string;
}

/** Renders our package label: pure, the same input always gives the same bytes. */
export function renderPackageLabel(printer: PrinterProfile, doc: PackageLabel): Buffer {
  return printer.language === 'zpl'
    ? zplPackageLabel(printer, doc)
    : escPosPackageLabel(printer, doc);
}

export function renderTestPage(printer: PrinterProfile, date: string): Buffer {
  return printer.language === 'zpl' ? zplTestPage(printer, date) : escPosTestPage(printer, date);
}

function itemLine(item: PackageLabel['items'][number]): string {
  return `${item.quantity} x ${item.name}${item.offerId ? ` [${item.offerId}]` : ''}`;
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Characters per line of ESC/POS font A (12 dots wide). */
function escPosColumns(printer: PrinterProfile): number {
  return Math.floor(mmToDots(PAPER[printer.paper].printableMm, printer.dpi) / 12);
}

function escPosPackageLabel(printer: PrinterProfile, doc: PackageLabel): Buffer {
  const columns = escPosColumns(printer);
  const out = new EscPosBuilder(printer.codePage)
    .align('center')
    .bold(true)
    .size(2, 2)
    .line(clip(doc.postingNumber, Math.floor(columns / 2)))
    .size(1, 1)
    .bold(false)
    .code128(doc.postingNumber, { moduleWidth: 2, heightDots: mmToDots(10, printer.dpi) })
    .align('left');
  if (doc.orderNumber) out.line(clip(`Order ${doc.orderNumber}`, columns));
  out.line('-'.repeat(columns));
  for (const item of doc.items) out.line(clip(itemLine(item), columns));
  out.line('-'.repeat(columns));
  if (doc.addressee) out.line(clip(`To: ${doc.addressee}`, columns));
  if (doc.warehouse) out.line(clip(`From: ${doc.warehouse}`, columns));
  return out.line(doc.date).feed(3).cut().bytes();
}

function escPosTestPage(printer: PrinterProfile, date: string): Buffer {
  const columns = escPosColumns(printer);
  return new EscPosBuilder(printer.codePage)
    .align('center')
    .bold(true)
    .line('PACKDESK TEST PAGE')
    .bold(false)
    .line(clip(printer.name, columns))
    .align('left')
    .line(`ESC/POS ${printer.paper} ${printer.dpi} dpi ${printer.codePage}`)
    .line('-'.repeat(columns))
    .line('Latin: ABC abc 0123456789')
    .line('Cyrillic: Проверка печати')
    .code128('PACKDESK-TEST', { heightDots: mmToDots(8, printer.dpi) })
    .line(date)
    .feed(3)
    .cut()
    .bytes();
}

interface ZplFrame {
  width: number;
  length: number;
  margin: number;
  dpmm: number;
}

function zplFrame(printer: PrinterProfile, contentLines: number): ZplFrame {
  const paper = PAPER[printer.paper];
  const dpmm = dotsPerMm(printer.dpi);
  const width = mmToDots(paper.printableMm, printer.dpi);
  // Rolls have no fixed length: make the label as long as its content.
  const length = paper.lengthMm
    ? mmToDots(paper.lengthMm, printer.dpi)
    : Math.round((40 + contentLines * 5) * dpmm);
  return { width, length, margin: Math.round(3 * dpmm), dpmm };
}

function zplPackageLabel(printer: PrinterProfile, doc: PackageLabel): Buffer {
  const paper = PAPER[printer.paper];
  const frame = zplFrame(printer, doc.items.length + 4);
  const { width, length, margin, dpmm } = frame;
  // Small labels (58x40) get smaller type; everything scales with the head's dots per mm.
  const small = paper.printableMm < 70 || (paper.lengthMm ?? Infinity) < 60;
  const big = Math.round((small ? 4 : 6) * dpmm);
  const text = Math.round((small ? 2.5 : 3.5) * dpmm);
  const lineGap = Math.round(text * 1.25);
  const barHeight = Math.round((small ? 8 : 15) * dpmm);
  const columns = Math.floor((width - 2 * margin) / (text * 0.6));

  const fields: string[] = [];
  let y = margin;
  fields.push(textField(margin, y, big, doc.postingNumber));
  y += big + Math.round(2 * dpmm);
  fields.push(code128Field(margin, y, barHeight, small ? 2 : 3, doc.postingNumber));
  y += barHeight + text + Math.round(3 * dpmm);
  if (doc.orderNumber) {
    fields.push(textField(margin, y, text, clip(`Order ${doc.orderNumber}`, columns)));
    y += lineGap;
  }
  const footerLines = 1 + (doc.addressee ? 1 : 0) + (doc.warehouse ? 1 : 0);
  const footerTop = length - margin - footerLines * lineGap;
  const room = Math.max(0, Math.floor((footerTop - y) / lineGap));
  const shown = doc.items.length <= room ? doc.items : doc.items.slice(0, Math.max(0, room - 1));
  for (const item of shown) {
    fields.push(textField(margin, y, text, clip(itemLine(item), columns)));
    y += lineGap;
  }
  if (shown.length < doc.items.length) {
    const rest = doc.items.slice(shown.length).reduce((sum, item) => sum + item.quantity, 0);
    fields.push(
      textField(margin, y, text, `+ ${doc.items.length - shown.length} more lines (${rest} pcs)`),
    );
  }
  let footer = footerTop;
  if (doc.addressee) {
    fields.push(textField(margin, footer, text, clip(`To: ${doc.addressee}`, columns)));
    footer += lineGap;
  }
  if (doc.warehouse) {
    fields.push(textField(margin, footer, text, clip(`From: ${doc.warehouse}`, columns)));
    footer += lineGap;
  }
  fields.push(textField(margin, footer, text, doc.date));
  return label(width, length, fields);
}

function zplTestPage(printer: PrinterProfile, date: string): Buffer {
  const { width, length, margin, dpmm } = zplFrame(printer, 6);
  const text = Math.round(3 * dpmm);
  const gap = Math.round(text * 1.3);
  const lines = [
    'PACKDESK TEST PAGE',
    printer.name,
    `ZPL ${printer.paper} ${printer.dpi} dpi`,
    'Cyrillic: Проверка печати',
  ];
  const fields = [boxField(0, 0, width, length, Math.max(2, Math.round(dpmm / 2)))];
  lines.forEach((line, index) => fields.push(textField(margin, margin + index * gap, text, line)));
  const barY = margin + lines.length * gap;
  fields.push(code128Field(margin, barY, Math.round(8 * dpmm), 2, 'PACKDESK-TEST'));
  fields.push(textField(margin, barY + Math.round(8 * dpmm) + 2 * gap, text, date));
  return label(width, length, fields);
}
