import type { CounterMessages } from './counter.en';

/** Persian texts of the counter screens. */
export const counterFa: CounterMessages = {
  packing: {},
  picking: {},
  dispatch: {},
  stats: {},
  scanner: {},
};
