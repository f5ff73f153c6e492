import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { createConnection, type Socket } from 'node:net';

/**
 * Where the failure happened decides what we may do next: before the connection was made
 * nothing can have printed, so the worker retries; once bytes started to leave, they may have.
 */
export class TransportError extends Error {
  constructor(
    readonly phase: 'connect' | 'send',
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export type PrinterAddress =
  { transport: 'tcp'; host: string; port: number } | { transport: 'device'; devicePath: string };

export interface TransportTimeouts {
  connectMs: number;
  /** Writing every byte and the printer closing its side of the connection. */
  sendMs: number;
  statusMs: number;
}

export const DEFAULT_TIMEOUTS: TransportTimeouts = {
  connectMs: 3_000,
  sendMs: 15_000,
  statusMs: 2_000,
};

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

function abortError(): Error {
  return new DOMException('Print transport aborted', 'AbortError');
}

function connect(
  address: { host: string; port: number },
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const socket = createConnection({ host: address.host, port: address.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new TransportError(
          'connect',
          `No connection to ${address.host}:${address.port} within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    const onAbort = () => {
      socket.destroy();
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(new TransportError('connect', describe(error)));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

/**
 * Sends a whole document. Over TCP it resolves only after every byte was written, our side was
 * ended and the printer closed the connection without an error: the printer has read it all.
 * A device file resolves after the write and close succeeded.
 */
export async function sendBytes(
  address: PrinterAddress,
  bytes: Buffer,
  timeouts: TransportTimeouts,
  signal?: AbortSignal,
): Promise<void> {
  if (address.transport === 'device') return writeDevice(address.devicePath, bytes);
  const socket = await connect(address, timeouts.connectMs, signal);
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        socket.destroy();
        reject(error);
      } else resolve();
    };
    const timer = setTimeout(
      () =>
        settle(
          new TransportError(
            'send',
            `The printer did not take the job within ${timeouts.sendMs} ms`,
          ),
        ),
      timeouts.sendMs,
    );
    const onAbort = () => settle(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (error) => settle(new TransportError('send', describe(error))));
    // Printers do not talk back on the data channel; drain anything so the socket can close.
    socket.on('data', () => undefined);
    socket.once('close', (hadError) => {
      if (hadError) settle(new TransportError('send', 'The connection failed while sending'));
      else settle();
    });
    socket.end(bytes);
  });
}

async function writeDevice(devicePath: string, bytes: Buffer): Promise<void> {
  let handle;
  try {
    // Write-only and never create or truncate: this is a device, not a file we own.
    handle = await open(devicePath, constants.O_WRONLY);
  } catch (error) {
    throw new TransportError('connect', describe(error));
  }
  try {
    await handle.write(bytes);
  } catch (error) {
    throw new TransportError('send', describe(error));
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Asks a network printer for its status on a connection of its own. Returns what came back
 * once `complete` says it is whole, or whatever arrived (possibly nothing) at the timeout;
 * throws a `TransportError` only when no connection could be made.
 */
export async function queryStatus(
  address: { host: string; port: number },
  query: Buffer,
  complete: (answer: Buffer) => boolean,
  timeouts: TransportTimeouts,
  signal?: AbortSignal,
): Promise<Buffer | null> {
  const socket = await connect(address, timeouts.connectMs, signal);
  return new Promise((resolve, reject) => {
    let answer = Buffer.alloc(0);
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve(answer.length ? answer : null);
    };
    const timer = setTimeout(() => finish(), timeouts.statusMs);
    const onAbort = () => finish(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('data', (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
      if (complete(answer)) finish();
    });
    socket.on('error', () => finish());
    socket.on('close', () => finish());
    socket.write(query);
  });
}
