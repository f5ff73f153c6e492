import type { PrinterRow } from '../db/schema';
import type { PrinterProfile } from './layout';

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
