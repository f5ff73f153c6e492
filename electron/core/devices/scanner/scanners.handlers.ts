import type { HandlerMap } from '../../api/context';
import { writeSerialSettings } from './scanner-settings';

type ScannersMethods =
  'scanners.ports' | 'scanners.serial' | 'scanners.saveSerial' | 'scanners.take';

export const scannersHandlers: HandlerMap<ScannersMethods> = {
  'scanners.ports': (_input, ctx) => ctx.scanners.ports(),

  'scanners.serial': async (_input, ctx) => ctx.scanners.status(),

  /** Saved first, then applied: the port is reopened with the new setting. */
  'scanners.saveSerial': async (input, ctx) => {
    await ctx.write((trx) => writeSerialSettings(trx, input));
    await ctx.scanners.apply(input);
    return ctx.scanners.status();
  },

  'scanners.take': async (input, ctx) => ctx.scanners.take(input.afterId),
};
