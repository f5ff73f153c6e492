import type { PrintingMessages } from './printing.en';

/** Chinese texts of the printing screens. */
export const printingZh: PrintingMessages = {
  printing: {},
};
