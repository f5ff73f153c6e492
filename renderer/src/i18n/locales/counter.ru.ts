import type { CounterMessages } from './counter.en';

/** Russian texts of the counter screens. */
export const counterRu: CounterMessages = {
  packing: {},
  picking: {},
  dispatch: {},
  stats: {},
  scanner: {},
};
