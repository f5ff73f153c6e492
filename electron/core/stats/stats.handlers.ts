import type { HandlerMap } from '../handler/context';
import { counterStatsOf } from './counter-stats';

export const statsHandlers: HandlerMap<'stats.counter'> = {
  'stats.counter': async (input, ctx) => ({
    from: input.from,
    to: input.to,
    packers: await counterStatsOf(ctx.db, input.from, input.to),
  }),
};
