import type { PrintingMessages } from './printing.en';

/** Russian texts of the printing screens. */
export const printingRu: PrintingMessages = {
  printing: {},
};
