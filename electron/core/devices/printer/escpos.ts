import iconv from 'iconv-lite';
import { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type {
  CodePage,
  PrinterState,
  PrintReasonCode,
} from '../../../../shared/schemas/printing.schema';
import type { Bitmap } from './raster';

/**
 * ESC/POS (Epson TM command set) for our documents. The character table, alignment, emphasis,
 * text size, line feed and CODE128 are written by node-thermal-printer; the text encoding, the
 * raster bands, the feed and the cut are ours (`line`, `raster` and `cut` say why). Text is
 * encoded with the printer's configured table and characters it lacks become `?`.
 */

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const EOT = 0x04;

/** node-thermal-printer's name for each character table we offer, and its iconv-lite encoding. */
export const CODE_PAGE_TABLES: Record<CodePage, { characterSet: CharacterSet; encoding: string }> =
  {
    pc437: { characterSet: CharacterSet.PC437_USA, encoding: 'cp437' },
    pc850: { characterSet: CharacterSet.PC850_MULTILINGUAL, encoding: 'cp850' },
    wpc1252: { characterSet: CharacterSet.WPC1252, encoding: 'win1252' },
    cp866: { characterSet: CharacterSet.PC866_CYRILLIC2, encoding: 'cp866' },
    pc852: { characterSet: CharacterSet.PC852_LATIN2, encoding: 'cp852' },
    pc858: { characterSet: CharacterSet.PC858_EURO, encoding: 'cp858' },
    wpc1251: { characterSet: CharacterSet.WPC1251_CYRILLIC, encoding: 'win1251' },
  };

export type Align = 'left' | 'center' | 'right';

/** Accumulates ESC/POS commands; `bytes()` returns the document. */
export class EscPosBuilder {
  private readonly parts: Buffer[] = [];
  /**
   * Used only to encode commands: an empty interface (its types require the field) means none,
   * so it never opens a connection; our transports send the bytes. Lines never fold: layout has
   * already fitted them to the paper.
   */
  private readonly printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: '',
    breakLine: BreakLine.NONE,
  });

  constructor(private readonly codePage: CodePage) {
    // ESC @ resets the printer to its defaults (node-thermal-printer's `initHardware` is not in
    // its type declarations); then select our character table.
    this.raw([ESC, 0x40]).command((p) =>
      p.setCharacterSet(CODE_PAGE_TABLES[codePage].characterSet),
    );
  }

  /**
   * Appends what `write` asks node-thermal-printer for. Its buffer is taken and cleared after
   * every command because it copies the whole document on each append, which grows quadratically
   * with a long pick list or a raster label.
   */
  private command(write: (printer: ThermalPrinter) => void): this {
    this.printer.clear();
    write(this.printer);
    this.parts.push(this.printer.getBuffer());
    return this;
  }

  private raw(bytes: number[] | Buffer): this {
    this.parts.push(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
    return this;
  }

  align(align: Align): this {
    return this.command((p) =>
      align === 'left' ? p.alignLeft() : align === 'center' ? p.alignCenter() : p.alignRight(),
    );
  }

  bold(on: boolean): this {
    return this.command((p) => p.bold(on));
  }

  /** `GS ! n`: width and height multipliers, 1–8. */
  size(width: number, height: number): this {
    // node-thermal-printer takes multipliers 0–7 and writes its first argument to the high
    // nibble, which Epson defines as the width (its parameters are named the other way round).
    return this.command((p) => p.setTextSize(width - 1, height - 1));
  }

  /** One line of text in the configured code page; unencodable characters print as `?`. */
  line(text = ''): this {
    const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
    // Encoded here, not with node-thermal-printer's `println`: that one concatenates a buffer per
    // character (seven times slower over a batch of labels), and for a character the table lacks
    // it switches to whichever table has it, an East Asian one for CJK, which the single-byte
    // mode of our printers cannot print.
    const encoded = iconv.encode(clean, CODE_PAGE_TABLES[this.codePage].encoding);
    return this.command((p) => {
      p.add(encoded);
      p.newLine();
    });
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
    const escaped = data.replace(/\{/g, '{{');
    // node-thermal-printer writes the length as one byte and prefixes the `{B` selector itself.
    if (escaped.length + 2 > 255) throw new Error('CODE128 data is too long');
    return this.command((p) => {
      p.printBarcode(escaped, 73, {
        hriPos: 2, // below
        hriFont: 0, // font A
        width: Math.max(2, Math.min(6, options.moduleWidth ?? 2)),
        height: Math.min(255, options.heightDots ?? 80),
      });
      p.newLine();
    });
  }

  /**
   * A bitmap as raster graphics (`GS v 0 m xL xH yL yH d…`), in bands of at most 256 rows:
   * many printers have a small receive buffer for one raster command. Ours, because
   * node-thermal-printer's image printing takes only PNG files and sends one band, its width
   * limited to 255 bytes.
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

  /**
   * Feed to the cutter and cut partially (`GS V 66 n`). Ours, because node-thermal-printer's
   * `partialCut` cuts where the paper stands (`GS V 1`) after a fixed feed, which cuts through
   * the last lines on printers whose cutter sits further from the head, and then resets the
   * printer, dropping the character table for the next page.
   */
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
