import type { PrinterState } from '../../../shared/schemas/printing.schema';
import type { DecodedStatus } from './escpos';

/**
 * ZPL II is plain text; we write it with small typed helpers rather than a library (the one
 * maintained builder is GPL and emits no `^PW`, `^LL` or `^CI28`).
 *
 * Text: every label selects UTF-8 (`^CI28`). Zebra's built-in bitmap font 0 covers Latin only,
 * so a field with any other character uses `^A@` with a scalable font stored on the printer
 * (`UNICODE_FONT`, resident on Link-OS printers; CJK needs a font such as `E:ANMDJ.TTF`
 * downloaded to the printer). Field data goes through `^FH` so `^`, `~` and `_` in names cannot
 * end a field or start a command.
 */
export const UNICODE_FONT = 'E:TT0003M_.TTF';

export function fieldData(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `^FH^FD${clean.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`)}^FS`;
}

/** A text field at (x, y) in dots with a character height in dots. */
export function textField(x: number, y: number, height: number, text: string): string {
  const latin = /^[\x20-\x7e]*$/.test(text);
  const font = latin ? `^A0N,${height},${height}` : `^A@N,${height},${height},${UNICODE_FONT}`;
  return `^FO${x},${y}${font}${fieldData(text)}`;
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
    return { state: 'unknown', reason: 'The printer did not answer the status query' };
  }
  const on = (value: string | undefined) => value === '1';
  const result = (state: PrinterState, reason: string | null) => ({ state, reason });
  if (on(second[2])) return result('cover_open', 'Print head open');
  if (on(first[1])) return result('paper_out', 'Paper out');
  if (on(second[3])) return result('offline', 'Ribbon out');
  if (on(first[10]) || on(first[11])) return result('offline', 'Print head temperature');
  if (on(first[2])) return result('offline', 'The printer is paused');
  return result('ready', null);
}
