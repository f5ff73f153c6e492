import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { createConnection, type Socket } from 'node:net';
import type { PrintReasonCode } from '../../../../shared/schemas/printing.schema';

/**
 * Where the failure happened decides what we may do next: before the connection was made
 * nothing can have printed, so the worker retries; once bytes started to leave, they may have.
 * `rejected`: the job was refused before anything was printed and trying again will not help
 * (an OS queue that does not exist); it fails at once. `code` says why in a word the screens
 * translate; the message keeps the details.
 */
export class TransportError extends Error {
  constructor(
    readonly phase: 'connect' | 'send' | 'rejected',
    readonly code: PrintReasonCode,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export type PrinterAddress =
  | { transport: 'tcp'; host: string; port: number }
  | { transport: 'device'; devicePath: string }
  /** `raw`: ESC/POS or ZPL bytes passed through a raw queue untouched; otherwise a PDF. */
  | { transport: 'os'; queue: string; raw: boolean };

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
          'unreachable',
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
      reject(new TransportError('connect', 'unreachable', describe(error)));
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
  if (address.transport === 'os') return spoolToOs(address, bytes, timeouts, signal);
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
            'timeout',
            `The printer did not take the job within ${timeouts.sendMs} ms`,
          ),
        ),
      timeouts.sendMs,
    );
    const onAbort = () => settle(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (error) =>
      settle(new TransportError('send', 'connection_lost', describe(error))),
    );
    // Printers do not talk back on the data channel; drain anything so the socket can close.
    socket.on('data', () => undefined);
    socket.once('close', (hadError) => {
      if (hadError)
        settle(
          new TransportError('send', 'connection_lost', 'The connection failed while sending'),
        );
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
    throw new TransportError('connect', 'unreachable', describe(error));
  }
  try {
    await handle.write(bytes);
  } catch (error) {
    throw new TransportError('send', 'connection_lost', describe(error));
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Same rule as the printer settings: a queue name can never be read as an option. */
const QUEUE_NAME = /^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,126}$/;

/**
 * Hands a document to the OS spooler: CUPS `lp -d <queue>` on Linux and macOS, the bytes on
 * its standard input, spawned with an argument array (no shell). Success means CUPS accepted
 * the job; CUPS then owns it and reports no paper or cover state back to us. Windows has no
 * `lp`: OS printers there are not supported yet and their jobs fail with that reason.
 */
async function spoolToOs(
  address: { queue: string; raw: boolean },
  bytes: Buffer,
  timeouts: TransportTimeouts,
  signal?: AbortSignal,
): Promise<void> {
  if (process.platform === 'win32') {
    throw new TransportError(
      'rejected',
      'not_supported',
      'Printing through Windows printer queues is not supported yet',
    );
  }
  if (!QUEUE_NAME.test(address.queue)) {
    throw new TransportError(
      'rejected',
      'invalid_queue',
      `Not a printer queue name: ${JSON.stringify(address.queue)}`,
    );
  }
  const args = ['-d', address.queue, ...(address.raw ? ['-o', 'raw'] : [])];
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    let stderr = '';
    let started = false;
    const child = spawn('lp', args, { stdio: ['pipe', 'ignore', 'pipe'], signal });
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(
        new TransportError(
          'send',
          'timeout',
          `The print spooler did not answer within ${timeouts.sendMs} ms`,
        ),
      );
    }, timeouts.sendMs);
    child.once('spawn', () => {
      started = true;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2_000);
    });
    child.once('error', (error) => {
      if ((error as Error).name === 'AbortError') return settle(abortError());
      settle(
        started
          ? new TransportError('send', 'connection_lost', describe(error))
          : new TransportError(
              'rejected',
              'spooler_missing',
              `Cannot run lp (is CUPS installed?): ${describe(error)}`,
            ),
      );
    });
    // A spooler that exits early closes its stdin; the exit code tells the rest.
    child.stdin.on('error', () => undefined);
    child.once('close', (code) => {
      if (code === 0) return settle();
      // lp exits non-zero without queueing anything: an unknown or disabled queue.
      settle(
        new TransportError(
          'rejected',
          'refused_by_spooler',
          `lp refused the job: ${stderr.trim() || `exit code ${code}`}`,
        ),
      );
    });
    child.stdin.end(bytes);
  });
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
