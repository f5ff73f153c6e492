import { inflateSync } from 'node:zlib';

/**
 * Parses the ZPL our documents emit into label settings and fields. Unknown commands throw, so
 * a test notices when the builder starts writing something new.
 */
export interface ZplField {
  x: number;
  y: number;
  kind: 'text' | 'code128' | 'box' | 'graphic';
  /** `A0` for the built-in font, `A@:<font>` for a stored scalable font. */
  font: string | null;
  height: number;
  data: string;
  /** For `^GF`: the bitmap, 1 bit per dot, MSB left, 1 = ink. */
  bitmap?: { width: number; height: number; rowBytes: number; data: Buffer };
}

/** CRC-16/XMODEM of the Base64 text, which `:Z64:` carries after the data. */
function crc16(text: string): string {
  let crc = 0;
  for (let i = 0; i < text.length; i++) {
    crc ^= text.charCodeAt(i) << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** `^GFA,total,total,rowBytes,data` with hex or `:Z64:` data; checks sizes and the CRC. */
function graphic(args: string): NonNullable<ZplField['bitmap']> {
  const [format, total, , rowBytes, ...rest] = args.split(',');
  if (format !== 'A') throw new Error(`Unsupported ^GF format ${format}`);
  const payload = rest.join(',');
  let data: Buffer;
  const z64 = /^:Z64:([A-Za-z0-9+/=]+):([0-9A-F]{4})$/.exec(payload);
  if (z64) {
    if (crc16(z64[1]!) !== z64[2]) throw new Error('^GF Z64 CRC mismatch');
    data = inflateSync(Buffer.from(z64[1]!, 'base64'));
  } else data = Buffer.from(payload, 'hex');
  const rb = Number(rowBytes);
  if (data.length !== Number(total) || data.length % rb !== 0) throw new Error('^GF size mismatch');
  return { width: rb * 8, height: data.length / rb, rowBytes: rb, data };
}

export interface ZplLabel {
  encoding: number | null;
  width: number | null;
  length: number | null;
  fields: ZplField[];
}

/** Undoes `^FH` hex escapes (`_5E`), which are UTF-8 bytes with `^CI28`. */
function unhex(data: string): string {
  const bytes: number[] = [];
  const raw = Buffer.from(data, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x5f) {
      bytes.push(parseInt(raw.subarray(i + 1, i + 3).toString('latin1'), 16));
      i += 2;
    } else bytes.push(raw[i] ?? 0);
  }
  return Buffer.from(bytes).toString('utf8');
}

export function readZpl(bytes: Buffer): ZplLabel[] {
  const source = bytes.toString('utf8');
  const labels: ZplLabel[] = [];
  let current: ZplLabel | null = null;
  let field: Partial<ZplField> & { hex?: boolean } = {};
  let moduleHeight = 10;
  let i = 0;
  const args = (from: number) => {
    const end = source.slice(from).search(/[\^~]/);
    const text = end < 0 ? source.slice(from) : source.slice(from, from + end);
    return { text: text.trim(), next: end < 0 ? source.length : from + end };
  };
  const label = () => {
    if (!current) throw new Error(`ZPL command outside ^XA…^XZ at ${i}`);
    return current;
  };
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\n' || ch === '\r' || ch === ' ') {
      i++;
      continue;
    }
    if (ch !== '^') throw new Error(`Unexpected ${JSON.stringify(ch)} at ${i}`);
    const cmd = source.slice(i + 1, i + 3);
    if (cmd === 'FD') {
      const end = source.indexOf('^FS', i);
      if (end < 0) throw new Error('^FD without ^FS');
      const raw = source.slice(i + 3, end);
      label().fields.push({
        x: field.x ?? 0,
        y: field.y ?? 0,
        kind: field.kind ?? 'text',
        font: field.font ?? null,
        height: field.height ?? 0,
        data: field.hex ? unhex(raw) : raw,
      });
      field = {};
      i = end + 3;
      continue;
    }
    const { text, next } = args(i + 3);
    const parts = text.split(',');
    const num = (k: number) => Number(parts[k]);
    switch (cmd) {
      case 'XA':
        current = { encoding: null, width: null, length: null, fields: [] };
        break;
      case 'XZ':
        labels.push(label());
        current = null;
        break;
      case 'CI':
        label().encoding = num(0);
        break;
      case 'PW':
        label().width = num(0);
        break;
      case 'LL':
        label().length = num(0);
        break;
      case 'LH':
        break;
      case 'FO':
        field = { x: num(0), y: num(1) };
        break;
      case 'A0':
        field = { ...field, kind: 'text', font: 'A0', height: num(0) === 0 ? num(1) : num(1) };
        break;
      case 'A@':
        field = { ...field, kind: 'text', font: `A@:${parts[3] ?? ''}`, height: num(1) };
        break;
      case 'BY':
        moduleHeight = num(2);
        break;
      case 'BC':
        field = { ...field, kind: 'code128', height: num(1) || moduleHeight };
        break;
      case 'FH':
        field = { ...field, hex: true };
        break;
      case 'GB':
        label().fields.push({
          x: field.x ?? 0,
          y: field.y ?? 0,
          kind: 'box',
          font: null,
          height: num(1),
          data: '',
        });
        break;
      case 'GF': {
        const bitmap = graphic(text);
        label().fields.push({
          x: field.x ?? 0,
          y: field.y ?? 0,
          kind: 'graphic',
          font: null,
          height: bitmap.height,
          data: '',
          bitmap,
        });
        break;
      }
      case 'FS':
        field = {};
        break;
      default:
        throw new Error(`Unknown ZPL command ^${cmd} at ${i}`);
    }
    i = next;
  }
  if (current) throw new Error('^XA without ^XZ');
  return labels;
}
