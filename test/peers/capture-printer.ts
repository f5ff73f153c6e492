import { createServer, type Server, type Socket } from 'node:net';

/**
 * A raw-9100 printer on loopback. Records every byte of every connection and answers ESC/POS
 * `DLE EOT n` and ZPL `~HS` status queries according to `mode`:
 * - `ready`, `paper_out`, `cover_open`: answer status accordingly, take any data;
 * - `drop`: take the bytes, then cut the connection without answering anything;
 * - `hold`: answer status as ready, but never close a connection that carried print data (a
 *   printer stuck mid-job);
 * - `refuse`: not listening at all (connection refused).
 */
export type PeerMode = 'ready' | 'paper_out' | 'cover_open' | 'drop' | 'hold' | 'refuse';

export interface CapturedConnection {
  id: number;
  bytes: Buffer;
  /** Status queries answered on this connection. */
  queries: number;
  /** `performance.now()` when its first byte arrived, for latency benchmarks. */
  firstByteAt: number | null;
  closed: boolean;
}

export interface CapturePrinterOptions {
  /**
   * A slow printer: take at most `bytes` of a connection every `everyMs` (the rest waits in the
   * socket). The sender only learns a job went through when the printer closes the connection
   * after reading it all, so a job of `size` bytes stays mid-send for at least
   * (size / bytes - 1) × everyMs after its first bytes arrive. `bytes` must exceed a status
   * query (5 bytes), which is then never split. Default: read as fast as it comes.
   */
  readRate?: { bytes: number; everyMs: number };
}

export interface CapturePrinter {
  port: number;
  mode: PeerMode;
  /** Switch to this mode once the next connection carrying print data has closed. */
  afterData: PeerMode | null;
  /**
   * Called once per connection, synchronously, when its first bytes of print data arrive: before
   * any more of it is read and before the printer can close it, i.e. while the job is mid-send.
   */
  onPrintData: ((connection: CapturedConnection) => void) | null;
  connections: CapturedConnection[];
  /** Connections that carried something other than status queries: the printed documents. */
  documents(): Buffer[];
  setMode(mode: PeerMode): Promise<void>;
  close(): Promise<void>;
}

function escPosAnswer(mode: PeerMode, n: number): number {
  const base = 0x12;
  if (n === 1) return mode === 'ready' ? base : base | 0x08;
  if (n === 2)
    return mode === 'cover_open' ? base | 0x04 : mode === 'paper_out' ? base | 0x20 : base;
  if (n === 4) return mode === 'paper_out' ? base | 0x60 : base;
  return base;
}

function zplAnswer(mode: PeerMode): Buffer {
  const paperOut = mode === 'paper_out' ? 1 : 0;
  const pause = mode === 'ready' ? 0 : 1;
  const headUp = mode === 'cover_open' ? 1 : 0;
  return Buffer.from(
    `\x02030,${paperOut},${pause},1218,000,0,0,0,000,0,0,0\x03\r\n` +
      `\x02001,0,${headUp},0,0,2,4,0,00000000,1,000\x03\r\n` +
      `\x021234,0\x03\r\n`,
    'latin1',
  );
}

/** The status queries in a buffer, and whether anything else (print data) is in it. */
function scan(bytes: Buffer): { escpos: number[]; zpl: number; data: boolean } {
  const escpos: number[] = [];
  let zpl = 0;
  let rest = bytes.toString('latin1');
  rest = rest.replace(/\x10\x04([\x01-\x04])/g, (_m, n: string) => {
    escpos.push(n.charCodeAt(0));
    return '';
  });
  rest = rest.replace(/~HS\r?\n?/g, () => {
    zpl++;
    return '';
  });
  return { escpos, zpl, data: rest.length > 0 };
}

/**
 * Hands `receive` at most `rate.bytes` of the socket every `rate.everyMs`. Reading in paused
 * mode leaves the rest in the socket, and `end` comes only once everything was read.
 */
function readSlowly(
  socket: Socket,
  rate: { bytes: number; everyMs: number },
  receive: (chunk: Buffer) => void,
) {
  let waiting = false;
  const step = () => {
    waiting = false;
    const available = socket.readableLength;
    // With nothing buffered, read() asks for more ('readable' follows) or, at the end, emits 'end'.
    const chunk = (
      available > 0 ? socket.read(Math.min(rate.bytes, available)) : socket.read()
    ) as Buffer | null;
    if (!chunk) return;
    receive(chunk);
    waiting = true;
    setTimeout(step, rate.everyMs);
  };
  socket.on('readable', () => {
    if (!waiting) step();
  });
}

export async function startCapturePrinter(
  options: CapturePrinterOptions = {},
): Promise<CapturePrinter> {
  let server: Server | null = null;
  let nextId = 1;
  const sockets = new Set<Socket>();
  const peer: CapturePrinter = {
    port: 0,
    mode: 'ready',
    afterData: null,
    onPrintData: null,
    connections: [],
    documents: () => peer.connections.filter((c) => scan(c.bytes).data).map((c) => c.bytes),
    async setMode(mode) {
      if (mode === 'refuse' && server) await stopListening();
      if (mode !== 'refuse' && !server) await listen(peer.port);
      peer.mode = mode;
    },
    async close() {
      await stopListening();
    },
  };

  function handle(socket: Socket) {
    const record: CapturedConnection = {
      id: nextId++,
      bytes: Buffer.alloc(0),
      queries: 0,
      firstByteAt: null,
      closed: false,
    };
    peer.connections.push(record);
    sockets.add(socket);
    let answered = { escpos: 0, zpl: 0 };
    let printing = false;
    const receive = (chunk: Buffer) => {
      record.firstByteAt ??= performance.now();
      record.bytes = Buffer.concat([record.bytes, chunk]);
      const mode = peer.mode === 'hold' ? 'ready' : peer.mode;
      const found = scan(record.bytes);
      if (found.data && !printing) {
        printing = true;
        peer.onPrintData?.(record);
      }
      if (mode === 'drop') {
        if (found.data || found.escpos.length || found.zpl) socket.destroy();
        return;
      }
      for (const n of found.escpos.slice(answered.escpos)) {
        socket.write(Buffer.from([escPosAnswer(mode, n)]));
        record.queries++;
      }
      for (let i = answered.zpl; i < found.zpl; i++) {
        socket.write(zplAnswer(mode));
        record.queries++;
      }
      answered = { escpos: found.escpos.length, zpl: found.zpl };
    };
    if (options.readRate) readSlowly(socket, options.readRate, receive);
    else socket.on('data', receive);
    socket.on('end', () => {
      if (peer.mode !== 'hold' || !scan(record.bytes).data) socket.end();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      record.closed = true;
      sockets.delete(socket);
      if (peer.afterData && scan(record.bytes).data) {
        peer.mode = peer.afterData;
        peer.afterData = null;
      }
    });
  }

  function listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const next = createServer({ allowHalfOpen: true }, handle);
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        const address = next.address();
        if (address && typeof address === 'object') peer.port = address.port;
        server = next;
        resolve();
      });
    });
  }

  function stopListening(): Promise<void> {
    const current = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    return current ? new Promise((resolve) => current.close(() => resolve())) : Promise.resolve();
  }

  await listen(0);
  return peer;
}
