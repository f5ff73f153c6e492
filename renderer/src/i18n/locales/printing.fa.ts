import type { PrintingMessages } from './printing.en';

/** Persian texts of the printing screens. */
export const printingFa: PrintingMessages = {
  printing: {},
};
