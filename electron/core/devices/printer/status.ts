import type { PrinterRow } from '../../db/schema';
import {
  decodeEscPosStatus,
  ESCPOS_STATUS_LENGTH,
  ESCPOS_STATUS_QUERY,
  type DecodedStatus,
} from './escpos';
import {
  queryStatus,
  TransportError,
  type PrinterAddress,
  type TransportTimeouts,
} from './transport';
import { decodeZplStatus, ZPL_STATUS_QUERY, zplStatusFrames } from './zpl';

export interface StatusReport extends DecodedStatus {
  /** No connection could be made: nothing was asked, nothing can have printed. */
  unreachable?: boolean;
}

export function addressOf(printer: PrinterRow): PrinterAddress {
  if (printer.transport === 'device') {
    return { transport: 'device', devicePath: printer.device_path ?? '' };
  }
  if (printer.transport === 'os') {
    return { transport: 'os', queue: printer.os_queue ?? '', raw: printer.language !== 'pdf' };
  }
  return { transport: 'tcp', host: printer.host ?? '', port: printer.port ?? 9100 };
}

/**
 * Asks the printer how it is. Device files and printers set not to report give `unknown`; a
 * printer that cannot be reached is `offline`. Never throws on printer trouble.
 */
export async function readPrinterStatus(
  printer: PrinterRow,
  timeouts: TransportTimeouts,
  signal?: AbortSignal,
): Promise<StatusReport> {
  const address = addressOf(printer);
  if (address.transport === 'device') {
    return {
      state: 'unknown',
      reasonCode: 'status_device',
      reason: 'A printer on a device file does not report its status',
    };
  }
  if (address.transport === 'os') {
    return {
      state: 'unknown',
      reasonCode: 'status_os_queue',
      reason: 'The OS print queue owns this printer and its status',
    };
  }
  if (!printer.reports_status) {
    return {
      state: 'unknown',
      reasonCode: 'status_disabled',
      reason: 'This printer is set not to report its status',
    };
  }
  try {
    if (printer.language === 'zpl') {
      const answer = await queryStatus(
        address,
        ZPL_STATUS_QUERY,
        (so) => zplStatusFrames(so).length >= 3,
        timeouts,
        signal,
      );
      return decodeZplStatus(answer);
    }
    const answer = await queryStatus(
      address,
      ESCPOS_STATUS_QUERY,
      (so) => so.length >= ESCPOS_STATUS_LENGTH,
      timeouts,
      signal,
    );
    return decodeEscPosStatus(answer);
  } catch (error) {
    if (error instanceof TransportError)
      return { state: 'offline', reasonCode: error.code, reason: error.message, unreachable: true };
    throw error;
  }
}
