import iconv from 'iconv-lite';

/**
 * Decodes the ESC/POS our documents emit back into lines, barcodes and cuts. Unknown commands
 * throw, so a test notices when the encoder starts writing something new.
 */
export interface EscPosLine {
  text: string;
  align: 'left' | 'center' | 'right';
  bold: boolean;
  size: { width: number; height: number };
}

/** A `GS v 0` raster band: 1 bit per dot, MSB left, 1 = ink. */
export interface EscPosRaster {
  width: number;
  height: number;
  rowBytes: number;
  data: Buffer;
  /** How many lines of text were printed before it: where it sits in the document. */
  afterLine: number;
}

export interface EscPosDocument {
  codePage: number | null;
  lines: EscPosLine[];
  rasters: EscPosRaster[];
  barcodes: { type: number; data: string; hri: number; height: number; moduleWidth: number }[];
  cuts: number;
  feeds: number;
}

const ENCODINGS: Record<number, string> = {
  0: 'cp437',
  2: 'cp850',
  16: 'win1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
  46: 'win1251',
};

export function readEscPos(bytes: Buffer): EscPosDocument {
  const doc: EscPosDocument = {
    codePage: null,
    lines: [],
    rasters: [],
    barcodes: [],
    cuts: 0,
    feeds: 0,
  };
  let align: EscPosLine['align'] = 'left';
  let bold = false;
  let size = { width: 1, height: 1 };
  let barcode = { hri: 0, height: 162, moduleWidth: 3 };
  let text: number[] = [];
  let i = 0;
  const byte = (offset: number): number => {
    const value = bytes[i + offset];
    if (value === undefined) throw new Error(`Truncated command at ${i}`);
    return value;
  };
  const decode = (raw: number[]) =>
    iconv.decode(Buffer.from(raw), ENCODINGS[doc.codePage ?? 0] ?? 'cp437');

  while (i < bytes.length) {
    const b = byte(0);
    if (b === 0x0a) {
      doc.lines.push({ text: decode(text), align, bold, size });
      text = [];
      i += 1;
    } else if (b === 0x1b) {
      const cmd = String.fromCharCode(byte(1));
      if (cmd === '@') {
        align = 'left';
        bold = false;
        size = { width: 1, height: 1 };
        i += 2;
      } else if (cmd === 't') {
        if (!(byte(2) in ENCODINGS)) throw new Error(`Unknown code page ${byte(2)}`);
        doc.codePage = byte(2);
        i += 3;
      } else if (cmd === 'a') {
        align = (['left', 'center', 'right'] as const)[byte(2) % 48] ?? 'left';
        i += 3;
      } else if (cmd === 'E') {
        bold = (byte(2) & 1) === 1;
        i += 3;
      } else if (cmd === 'd') {
        doc.feeds += byte(2);
        i += 3;
      } else throw new Error(`Unknown ESC ${cmd} at ${i}`);
    } else if (b === 0x1d) {
      const cmd = String.fromCharCode(byte(1));
      if (cmd === '!') {
        size = { width: (byte(2) >> 4) + 1, height: (byte(2) & 0x0f) + 1 };
        i += 3;
      } else if (cmd === 'h') {
        barcode = { ...barcode, height: byte(2) };
        i += 3;
      } else if (cmd === 'w') {
        barcode = { ...barcode, moduleWidth: byte(2) };
        i += 3;
      } else if (cmd === 'H') {
        barcode = { ...barcode, hri: byte(2) };
        i += 3;
      } else if (cmd === 'f') {
        i += 3;
      } else if (cmd === 'k') {
        const type = byte(2);
        if (type < 65) throw new Error('NUL-terminated barcodes are not emitted by Packdesk');
        const length = byte(3);
        const data = bytes.subarray(i + 4, i + 4 + length).toString('latin1');
        if (data.length !== length) throw new Error('Truncated barcode');
        // CODE128: strip the code set selector and undo `{{`.
        const clean = type === 73 ? data.replace(/^\{[ABC]/, '').replace(/\{\{/g, '{') : data;
        doc.barcodes.push({ type, data: clean, ...barcode });
        i += 4 + length;
      } else if (cmd === 'v') {
        if (byte(2) !== 0x30) throw new Error(`Unknown GS v ${byte(2)} at ${i}`);
        const rowBytes = byte(4) | (byte(5) << 8);
        const height = byte(6) | (byte(7) << 8);
        const data = bytes.subarray(i + 8, i + 8 + rowBytes * height);
        if (data.length !== rowBytes * height) throw new Error('Truncated raster');
        doc.rasters.push({
          width: rowBytes * 8,
          height,
          rowBytes,
          data: Buffer.from(data),
          afterLine: doc.lines.length,
        });
        i += 8 + rowBytes * height;
      } else if (cmd === 'V') {
        doc.cuts += 1;
        i += byte(2) >= 65 ? 4 : 3;
      } else throw new Error(`Unknown GS ${cmd} at ${i}`);
    } else if (b < 0x20) {
      throw new Error(`Unknown control byte 0x${b.toString(16)} at ${i}`);
    } else {
      text.push(b);
      i += 1;
    }
  }
  if (text.length) doc.lines.push({ text: decode(text), align, bold, size });
  return doc;
}
