import { deflateSync } from 'node:zlib';
import type { PrinterState, PrintReasonCode } from '../../../../shared/schemas/printing.schema';
import type { DecodedStatus } from './escpos';
import type { Bitmap } from './raster';

/**
 * ZPL II is plain text; we write it with small typed helpers rather than a library (the one
 * maintained builder is GPL and emits no `^PW`, `^LL` or `^CI28`).
 *
 * Text: every label selects UTF-8 (`^CI28`), but Zebra's built-in font 0 covers ASCII only and
 * a Unicode font would have to be downloaded to each printer first; so only ASCII text uses the
 * printer's font and anything else is sent as a `^GF` bitmap drawn by us. Field data goes
 * through `^FH` so `^`, `~` and `_` cannot end a field or start a command.
 */

export function fieldData(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `^FH^FD${clean.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`)}^FS`;
}

/** An ASCII text field at (x, y) in dots in font 0, with a character height in dots. */
export function textField(x: number, y: number, height: number, text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error('Font 0 prints ASCII only; send a bitmap');
  return `^FO${x},${y}^A0N,${height},${height}${fieldData(text)}`;
}

/** CRC-16/XMODEM of the Base64 text, as `:Z64:` wants it. */
function crc16(text: string): string {
  let crc = 0;
  for (let i = 0; i < text.length; i++) {
    crc ^= text.charCodeAt(i) << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * A bitmap at (x, y) as `^GFA` with `:Z64:` data (zlib, Base64, CRC): a label is mostly white,
 * so a full 4×6 in raster shrinks from ~250 KB of hex to a few KB.
 */
export function graphicField(x: number, y: number, bitmap: Bitmap): string {
  const total = bitmap.rowBytes * bitmap.height;
  const z64 = deflateSync(bitmap.data).toString('base64');
  return `^FO${x},${y}^GFA,${total},${total},${bitmap.rowBytes},:Z64:${z64}:${crc16(z64)}^FS`;
}

/** CODE128 with the interpretation line below (`^BC`); `^BY` sets the narrow bar width. */
export function code128Field(
  x: number,
  y: number,
  height: number,
  moduleWidth: number,
  data: string,
): string {
  if (!/^[\x20-\x7e]+$/.test(data)) throw new Error('CODE128 data must be printable ASCII');
  return `^FO${x},${y}^BY${moduleWidth},3,${height}^BCN,${height},Y,N,N${fieldData(data)}`;
}

/** A box (or, `height` equal to `thickness`, a horizontal rule). */
export function boxField(x: number, y: number, width: number, height: number, thickness: number) {
  return `^FO${x},${y}^GB${width},${height},${thickness}^FS`;
}

export function label(widthDots: number, lengthDots: number, fields: string[]): Buffer {
  const zpl = ['^XA', '^CI28', `^PW${widthDots}`, `^LL${lengthDots}`, '^LH0,0', ...fields, '^XZ'];
  return Buffer.from(`${zpl.join('\n')}\n`, 'utf8');
}

/** Host status: the printer answers with three `STX … ETX CR LF` strings. */
export const ZPL_STATUS_QUERY = Buffer.from('~HS\r\n', 'latin1');

const STX = 0x02;
const ETX = 0x03;

/** The comma-separated fields of each complete `STX … ETX` frame in the answer so far. */
export function zplStatusFrames(answer: Buffer): string[][] {
  const frames: string[][] = [];
  let start = answer.indexOf(STX);
  while (start >= 0) {
    const end = answer.indexOf(ETX, start + 1);
    if (end < 0) break;
    frames.push(
      answer
        .subarray(start + 1, end)
        .toString('latin1')
        .split(','),
    );
    start = answer.indexOf(STX, end + 1);
  }
  return frames;
}

/**
 * Decodes `~HS` (ZPL II manual): string 1 field 2 paper out, field 3 pause, fields 11–12 under/
 * over temperature; string 2 field 3 head up, field 4 ribbon out.
 */
export function decodeZplStatus(answer: Buffer | null): DecodedStatus {
  const frames = answer ? zplStatusFrames(answer) : [];
  const [first, second] = frames;
  if (!first || !second || first.length < 12 || second.length < 4) {
    return {
      state: 'unknown',
      reason: 'The printer did not answer the status query',
      reasonCode: 'no_answer',
    };
  }
  const on = (value: string | undefined) => value === '1';
  const result = (
    state: PrinterState,
    reasonCode: PrintReasonCode | null,
    reason: string | null,
  ): DecodedStatus => ({ state, reason, reasonCode });
  if (on(second[2])) return result('cover_open', 'cover_open', 'Print head open');
  if (on(first[1])) return result('paper_out', 'paper_out', 'Paper out');
  if (on(second[3])) return result('offline', 'ribbon_out', 'Ribbon out');
  if (on(first[10]) || on(first[11]))
    return result('offline', 'head_temperature', 'Print head temperature');
  if (on(first[2])) return result('offline', 'paused', 'The printer is paused');
  return result('ready', null, null);
}
