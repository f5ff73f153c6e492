/** English texts of the counter screens; every other locale mirrors these keys. */
export const counterEn = {
  packing: {},
  picking: {},
  dispatch: {},
  stats: {},
  scanner: {},
};

export type CounterMessages = typeof counterEn;
