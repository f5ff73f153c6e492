import { ReadlineParser, SerialPort } from 'serialport';
import type { ScanEvent } from '../../../../shared/domain/scan';
import type { Logger } from '../../logging/logger';
import { backoffMs } from '../../lib/backoff';

/** The part of a serialport stream the reader uses (`SerialPort`, or `SerialPortMock` in tests). */
export interface ScannerPort {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  pipe<T extends NodeJS.WritableStream>(destination: T): T;
  on(event: 'close', listener: (error?: Error & { disconnected?: boolean }) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  removeAllListeners(): this;
}

export interface SerialScannerOptions {
  /** Device path: `/dev/ttyACM0`, `COM3`, or a socat pty link in tests. */
  path: string;
  /** Default 9600, what most scanners ship with in serial/USB-CDC mode. */
  baudRate?: number | undefined;
  /**
   * Line end the scanner sends. Default `\r`, which also reads `\r\n` scanners (the stray `\n`
   * is trimmed); set `\n` for scanners that end lines with LF only.
   */
  delimiter?: string | undefined;
  /** Text encoding of the lines (default utf8). */
  encoding?: BufferEncoding | undefined;
  /** Reconnect backoff: full jitter between `minMs` and min(capMs, baseMs · 2^attempt). */
  reconnect?: { baseMs?: number; capMs?: number; minMs?: number } | undefined;
  now?: (() => number) | undefined;
  random?: (() => number) | undefined;
  log?: Logger | undefined;
  /** Opens the port object (not yet opened); tests pass `SerialPortMock` here. */
  createPort?: ((path: string, baudRate: number) => ScannerPort) | undefined;
}

export type SerialScannerStatus =
  | { state: 'opening'; path: string; attempt: number }
  | { state: 'open'; path: string }
  | { state: 'error'; path: string; reason: string; attempt: number; retryInMs: number }
  | { state: 'closed'; path: string; reason: 'stopped' };

export interface SerialScannerListeners {
  onScan(scan: ScanEvent): void;
  onStatus?(status: SerialScannerStatus): void;
}

export interface SerialScanner {
  /** Opens the port and keeps it open, reconnecting with backoff, until `stop`. */
  start(): void;
  stop(): Promise<void>;
  status(): SerialScannerStatus;
}

/**
 * A scanner on a serial port (RS-232 or USB-CDC): one scan per line. If the port vanishes
 * (cable pulled, device reset) or cannot be opened, it reports `error` with the reason and
 * retries with capped, jittered backoff; a successful open resets the backoff.
 */
export function createSerialScanner(
  options: SerialScannerOptions,
  listeners: SerialScannerListeners,
): SerialScanner {
  const {
    path,
    baudRate = 9600,
    delimiter = '\r',
    encoding = 'utf8',
    now = Date.now,
    random = Math.random,
    log,
  } = options;
  const baseMs = options.reconnect?.baseMs ?? 500;
  const capMs = options.reconnect?.capMs ?? 10_000;
  const minMs = options.reconnect?.minMs ?? 100;
  const createPort =
    options.createPort ??
    ((portPath: string, rate: number) =>
      new SerialPort({ path: portPath, baudRate: rate, autoOpen: false }));

  let current: SerialScannerStatus = { state: 'closed', path, reason: 'stopped' };
  let running = false;
  let port: ScannerPort | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let attempt = 0;

  const setStatus = (status: SerialScannerStatus) => {
    current = status;
    try {
      listeners.onStatus?.(status);
    } catch (error) {
      log?.error({ err: error }, 'scanner status listener failed');
    }
  };

  const scheduleRetry = (reason: string) => {
    if (!running) return;
    const retryInMs = backoffMs(attempt, { baseMs, capMs, random, atLeastMs: minMs });
    log?.warn({ path, reason, attempt, retryInMs }, 'serial scanner unavailable');
    setStatus({ state: 'error', path, reason, attempt, retryInMs });
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, retryInMs);
  };

  const onLine = (line: string) => {
    const code = line.replace(/^[\r\n]+|[\r\n]+$/g, '');
    if (code === '') return;
    try {
      listeners.onScan({ code, source: 'serial', at: now() });
    } catch (error) {
      log?.error({ err: error }, 'scan listener failed');
    }
  };

  const connect = () => {
    if (!running) return;
    setStatus({ state: 'opening', path, attempt });
    let opened: ScannerPort;
    try {
      opened = createPort(path, baudRate);
    } catch (error) {
      scheduleRetry(reasonOf(error));
      return;
    }
    port = opened;
    const parser = new ReadlineParser({ delimiter, encoding });
    parser.on('data', (line: string) => onLine(line));
    opened.pipe(parser);
    opened.on('error', (error) => {
      log?.warn({ path, err: error }, 'serial scanner error');
    });
    opened.on('close', (error) => {
      if (port !== opened) return;
      port = null;
      parser.removeAllListeners();
      if (running) scheduleRetry(error ? reasonOf(error) : 'port closed');
    });
    opened.open((error) => {
      if (error) {
        if (port !== opened) return;
        port = null;
        opened.removeAllListeners();
        scheduleRetry(reasonOf(error));
        return;
      }
      if (port !== opened || !running) {
        // stopped (or replaced) while the open was in flight
        opened.removeAllListeners();
        opened.close();
        return;
      }
      attempt = 0;
      setStatus({ state: 'open', path });
    });
  };

  return {
    start() {
      if (running) return;
      running = true;
      attempt = 0;
      connect();
    },
    async stop() {
      running = false;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const closing = port;
      port = null;
      if (closing?.isOpen) {
        await new Promise<void>((resolve) => closing.close(() => resolve()));
      }
      closing?.removeAllListeners();
      setStatus({ state: 'closed', path, reason: 'stopped' });
    },
    status: () => current,
  };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
