/** English texts of the printing screens; every other locale mirrors these keys. */
export const printingEn = {
  printing: {},
};

export type PrintingMessages = typeof printingEn;
