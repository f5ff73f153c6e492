import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A WebSocket spoken byte by byte over a plain TCP socket, so a test can send what no
 * well-behaved client library would: unmasked frames, unknown opcodes, broken UTF-8, lies
 * about the length.
 */
export interface RawWebSocket {
  /** The status of the answer to the upgrade request: 101 when the upgrade was accepted. */
  status: number;
  socket: Socket;
  send(frame: Buffer): void;
  /** The code of the server's close frame, or null if the connection ended without one. */
  closeCode(): Promise<number | null>;
}

const OPCODE_CLOSE = 0x8;

export async function openRawWebSocket(
  stationUrl: string,
  headers: Record<string, string> = {},
): Promise<RawWebSocket> {
  const { hostname, port, host } = new URL(stationUrl);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const lines = [
    'GET /api/events HTTP/1.1',
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);

  let received = Buffer.alloc(0);
  let ended = false;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((waiter) => waiter());
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    wake();
  });
  socket.on('close', () => {
    ended = true;
    wake();
  });
  // A reset from the peer is an ending like any other here; the tests look at what came before.
  socket.on('error', () => undefined);

  async function until<T>(read: () => T | undefined): Promise<T | undefined> {
    for (;;) {
      const value = read();
      if (value !== undefined || ended) return value ?? read();
      await new Promise<void>((resolve) => {
        const waiter = () => {
          waiters.delete(waiter);
          resolve();
        };
        waiters.add(waiter);
      });
    }
  }

  const head = await until(() => {
    const end = received.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const text = received.subarray(0, end).toString('latin1');
    received = received.subarray(end + 4);
    return text;
  });
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head ?? '')?.[1] ?? 0);

  return {
    status,
    socket,
    send: (frame) => socket.write(frame),
    async closeCode() {
      const code = await until(() => {
        for (const frame of serverFrames(received)) {
          if (frame.opcode === OPCODE_CLOSE) {
            return frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
          }
        }
        return undefined;
      });
      return code ?? null;
    },
  };
}

/** The frames a server sent (never masked), as far as they have arrived whole. */
function* serverFrames(bytes: Buffer): Generator<{ opcode: number; payload: Buffer }> {
  let at = 0;
  while (bytes.length - at >= 2) {
    const opcode = (bytes[at] ?? 0) & 0x0f;
    let length = (bytes[at + 1] ?? 0) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      if (bytes.length < at + 4) return;
      length = bytes.readUInt16BE(at + 2);
      start = at + 4;
    } else if (length === 127) {
      if (bytes.length < at + 10) return;
      length = Number(bytes.readBigUInt64BE(at + 2));
      start = at + 10;
    }
    if (bytes.length < start + length) return;
    yield { opcode, payload: bytes.subarray(start, start + length) };
    at = start + length;
  }
}

/** One client frame: FIN set, masked unless told otherwise, with the payload's true length. */
export function clientFrame(opcode: number, payload: Buffer, { masked = true } = {}): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | length])
      : length < 65536
        ? Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | 126, length >> 8, length & 0xff])
        : Buffer.concat([
            Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | 127]),
            bigLength(length),
          ]);
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, index) => byte ^ (mask[index % 4] ?? 0)));
  return Buffer.concat([header, mask, body]);
}

function bigLength(length: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(length));
  return bytes;
}

/** The four kinds of frame a WebSocket server must refuse, with the close code RFC 6455 gives. */
export const BAD_FRAMES = {
  'a message over the size limit': {
    frame: () => clientFrame(0x1, Buffer.alloc(64 * 1024, 0x61)),
    closeCode: 1009,
  },
  'an unmasked frame': {
    frame: () => clientFrame(0x1, Buffer.from('{"token":"x"}'), { masked: false }),
    closeCode: 1002,
  },
  'invalid UTF-8 in a text frame': {
    frame: () => clientFrame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
    closeCode: 1007,
  },
  'an unknown opcode': {
    frame: () => clientFrame(0x3, Buffer.from('hello')),
    closeCode: 1002,
  },
} as const;
