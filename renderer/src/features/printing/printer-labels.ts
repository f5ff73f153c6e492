import type { TFunction } from 'i18next';
import {
  CODE_PAGES,
  LABEL_SOURCES,
  PAPER_SIZES,
  PRINTER_DPIS,
  PRINTER_LANGUAGES,
  PRINTER_TRANSPORTS,
  type CodePage,
  type PaperSize,
  type PrinterLanguage,
  type PrinterTransport,
  type PrintReasonCode,
} from '../../../../shared/schemas/printing.schema';
import type { Printer, PrintJob } from './usePrinting';

export type Usage = keyof Printer['usage'];
export const USAGES = ['labels', 'receipts', 'pickLists'] as const satisfies readonly Usage[];

export const transportText = (t: TFunction, value: PrinterTransport) =>
  t(`printing.transports.${value}`);
export const languageText = (t: TFunction, value: PrinterLanguage) =>
  t(`printing.languages.${value}`);
export const paperText = (t: TFunction, value: PaperSize) => t(`printing.papers.${value}`);
export const codePageText = (t: TFunction, value: CodePage) => t(`printing.codePages.${value}`);
/** "Package label 0123456789-0001-1", "Test page Zebra": what a job printed, in words. */
export const documentText = (t: TFunction, job: Pick<PrintJob, 'kind' | 'documentKey'>) =>
  t(`printing.documents.${job.kind}`, { key: job.documentKey });
export const usageText = (t: TFunction, value: Usage) => t(`printing.usages.${value}`);

/**
 * Why a printer is not ready or a job not printed, in the reader's language. Only a reason the
 * core has no code for (`other`) is its English text, marked so; null when there is none.
 */
export function reasonText(
  t: TFunction,
  code: PrintReasonCode | null,
  english: string | null,
): { text: string; lang?: 'en' } | null {
  if (code === null) return null;
  if (code === 'other') return english ? { text: english, lang: 'en' } : null;
  return { text: t(`printing.reasons.${code}`) };
}

/** Select options in the contract's order, so a value the core adds shows up here by itself. */
export function printerOptions(t: TFunction) {
  return {
    transports: PRINTER_TRANSPORTS.map((value) => ({ value, label: transportText(t, value) })),
    languages: PRINTER_LANGUAGES.map((value) => ({ value, label: languageText(t, value) })),
    papers: PAPER_SIZES.map((value) => ({ value, label: paperText(t, value) })),
    dpis: PRINTER_DPIS.map((value) => ({ value, label: t('printing.dpiValue', { dpi: value }) })),
    codePages: CODE_PAGES.map((value) => ({ value, label: codePageText(t, value) })),
    usages: USAGES.map((value) => ({ value, label: usageText(t, value) })),
    labelSources: LABEL_SOURCES.map((value) => ({
      value,
      label: t(`printing.labelSources.${value}`),
    })),
  };
}

/** Where the printer is, as typed by people (host:port, a device path); always left to right. */
export function addressText(printer: Printer): string {
  switch (printer.transport) {
    case 'tcp':
      return `${printer.host ?? ''}:${printer.port ?? 9100}`;
    case 'device':
      return printer.devicePath ?? '';
    case 'os':
      return printer.osQueue ?? '';
  }
}
