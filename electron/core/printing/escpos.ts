import iconv from 'iconv-lite';
import type {
  CodePage,
  PrinterState,
  PrintReasonCode,
} from '../../../shared/schemas/printing.schema';
import type { Bitmap } from './raster';

/**
 * Hand-written ESC/POS (Epson TM command set), only the commands our documents use. Bytes are
 * built explicitly so tests can decode them back, and so we control the code page: text is
 * encoded with the printer's configured table and characters it lacks become `?`.
 */

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;
const DLE = 0x10;
const EOT = 0x04;

/** `ESC t n` table numbers (Epson) and the matching iconv-lite encodings. */
export const CODE_PAGE_TABLES: Record<CodePage, { n: number; encoding: string }> = {
  pc437: { n: 0, encoding: 'cp437' },
  pc850: { n: 2, encoding: 'cp850' },
  wpc1252: { n: 16, encoding: 'win1252' },
  cp866: { n: 17, encoding: 'cp866' },
  pc852: { n: 18, encoding: 'cp852' },
  pc858: { n: 19, encoding: 'cp858' },
  wpc1251: { n: 46, encoding: 'win1251' },
};

export type Align = 'left' | 'center' | 'right';

/** Accumulates ESC/POS commands; `bytes()` returns the document. */
export class EscPosBuilder {
  private readonly parts: Buffer[] = [];

  constructor(private readonly codePage: CodePage) {
    // ESC @ resets the printer to its defaults; then select our character table.
    this.raw([ESC, 0x40, ESC, 0x74, CODE_PAGE_TABLES[codePage].n]);
  }

  raw(bytes: number[] | Buffer): this {
    this.parts.push(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
    return this;
  }

  align(align: Align): this {
    return this.raw([ESC, 0x61, align === 'left' ? 0 : align === 'center' ? 1 : 2]);
  }

  bold(on: boolean): this {
    return this.raw([ESC, 0x45, on ? 1 : 0]);
  }

  /** `GS ! n`: width and height multipliers, 1–8. */
  size(width: number, height: number): this {
    return this.raw([GS, 0x21, ((width - 1) << 4) | (height - 1)]);
  }

  /** One line of text in the configured code page; unencodable characters print as `?`. */
  line(text = ''): this {
    const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
    this.parts.push(iconv.encode(clean, CODE_PAGE_TABLES[this.codePage].encoding));
    return this.raw([LF]);
  }

  feed(lines: number): this {
    return this.raw([ESC, 0x64, Math.max(0, Math.min(255, lines))]);
  }

  /**
   * CODE128 in code set B (`GS k 73 n {B…`) with the human-readable text below. Set B covers
   * printable ASCII; a literal `{` is written `{{`.
   */
  code128(data: string, options: { moduleWidth?: number; heightDots?: number } = {}): this {
    if (!/^[\x20-\x7e]+$/.test(data)) throw new Error('CODE128 data must be printable ASCII');
    const body = Buffer.from(`{B${data.replace(/\{/g, '{{')}`, 'latin1');
    if (body.length > 255) throw new Error('CODE128 data is too long');
    return this.raw([GS, 0x68, Math.min(255, options.heightDots ?? 80)]) // GS h: bar height
      .raw([GS, 0x77, Math.max(2, Math.min(6, options.moduleWidth ?? 2))]) // GS w: module width
      .raw([GS, 0x48, 2]) // GS H: HRI below
      .raw([GS, 0x66, 0]) // GS f: HRI font A
      .raw([GS, 0x6b, 73, body.length])
      .raw(body)
      .raw([LF]);
  }

  /**
   * A bitmap as raster graphics (`GS v 0 m xL xH yL yH d…`), in bands of at most 256 rows:
   * many printers have a small receive buffer for one raster command.
   */
  raster(bitmap: Bitmap): this {
    const band = 256;
    for (let top = 0; top < bitmap.height; top += band) {
      const rows = Math.min(band, bitmap.height - top);
      const x = bitmap.rowBytes;
      this.raw([GS, 0x76, 0x30, 0, x & 0xff, x >> 8, rows & 0xff, rows >> 8]);
      this.raw(bitmap.data.subarray(top * x, (top + rows) * x));
    }
    return this;
  }

  /** Feed past the tear bar and cut partially (`GS V 66 n`). */
  cut(): this {
    return this.raw([GS, 0x56, 66, 3]);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** `DLE EOT 1`, `DLE EOT 2`, `DLE EOT 4`: printer status, offline cause, roll paper sensor. */
export const ESCPOS_STATUS_QUERY = Buffer.from([DLE, EOT, 1, DLE, EOT, 2, DLE, EOT, 4]);
export const ESCPOS_STATUS_LENGTH = 3;

export interface DecodedStatus {
  state: PrinterState;
  reason: string | null;
  /** `reason` as a code; null exactly when `reason` is. */
  reasonCode: PrintReasonCode | null;
}

function status(
  state: PrinterState,
  reasonCode: PrintReasonCode | null = null,
  reason: string | null = null,
): DecodedStatus {
  return { state, reason, reasonCode };
}

/** Every real-time status byte has bits 1 and 4 set and bits 0 and 7 clear. */
function valid(byte: number | undefined): byte is number {
  return byte !== undefined && (byte & 0x93) === 0x12;
}

/**
 * Decodes the three answers to `ESCPOS_STATUS_QUERY` (Epson "Transmit real-time status"):
 * n=1 bit 3 offline; n=2 bit 2 cover open, bit 5 stopped at paper end, bit 6 error;
 * n=4 bits 2–3 paper near end, bits 5–6 paper end.
 */
export function decodeEscPosStatus(answer: Buffer | null): DecodedStatus {
  if (!answer || answer.length < ESCPOS_STATUS_LENGTH) {
    return status('unknown', 'no_answer', 'The printer did not answer the status query');
  }
  const [printer, offline, paper] = [answer[0], answer[1], answer[2]];
  if (!valid(printer) || !valid(offline) || !valid(paper)) {
    return status('unknown', 'bad_answer', 'The printer answered something that is not a status');
  }
  if (offline & 0x04) return status('cover_open', 'cover_open', 'Cover open');
  if (paper & 0x60 || offline & 0x20) return status('paper_out', 'paper_out', 'Paper out');
  if (offline & 0x40) return status('offline', 'printer_error', 'The printer reports an error');
  if (printer & 0x08) return status('offline', 'offline', 'The printer is offline');
  if (paper & 0x0c) return status('ready', 'paper_near_end', 'Paper near end');
  return status('ready');
}
