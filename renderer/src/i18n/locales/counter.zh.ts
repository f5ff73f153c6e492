import type { CounterMessages } from './counter.en';

/** Chinese texts of the counter screens. */
export const counterZh: CounterMessages = {
  packing: {},
  picking: {},
  dispatch: {},
  stats: {},
  scanner: {},
};
