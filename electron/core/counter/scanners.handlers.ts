import type { HandlerMap } from '../handler/context';
import { writeSerialSettings } from '../devices/scanner/scanner-settings';

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

  /**
   * The serial scanner is plugged into this machine, so its scans belong to the screens on this
   * machine: the desktop app or a browser on loopback. A phone or PC on the LAN gets none —
   * otherwise every open Packing screen would submit each scan again under its own session.
   */
  'scanners.take': async (input, ctx) =>
    isOnThisMachine(ctx.caller.origin) ? ctx.scanners.take(input.afterId) : [],
};

function isOnThisMachine(origin: string): boolean {
  if (origin === 'desktop') return true;
  const address = origin.startsWith('http:') ? origin.slice('http:'.length) : '';
  return address === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}
