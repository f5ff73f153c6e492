import type {
  CodePage,
  PaperSize,
  PrinterLanguage,
} from '../../../../shared/schemas/printing.schema';
import type { PrinterRow } from '../../db/schema';

/** What a document needs to know about the printer it is placed for. */
export interface PrinterProfile {
  name: string;
  language: PrinterLanguage;
  paper: PaperSize;
  dpi: number;
  codePage: CodePage;
}

/** What rendering needs to know of a printer row. */
export function profileOf(row: PrinterRow): PrinterProfile {
  return {
    name: row.name,
    language: row.language,
    paper: row.paper,
    dpi: row.dpi,
    codePage: row.code_page,
  };
}
