import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort, SerialPortMock } from 'serialport';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createSerialScanner,
  type SerialScanner,
  type SerialScannerStatus,
} from '../../electron/core/devices/scanner/serial-scanner';
import { classifyScan, type ScanEvent } from '../../shared/domain/scan';

/**
 * The serial reader against a real pseudo-terminal pair made by socat: what we write into one
 * end comes out of the other exactly as a USB-CDC scanner's bytes would. CI needs `socat`.
 */

const GS = '\u001d';
const CODES = [
  '4006381333931',
  '0123456789-0001-1',
  `0104006381333931215CkDpm${GS}91EE10${GS}92dGVzdA==`,
];

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function waitFor<T>(probe: () => T | undefined | false, what: string, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts `socat` linking two ptys at `<dir>/a` and `<dir>/b`; resolves when both exist. */
async function ptyPair(dir: string): Promise<ChildProcess> {
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const socat = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`],
    { stdio: 'ignore' },
  );
  await waitFor(() => existsSync(a) && existsSync(b), 'socat ptys');
  return socat;
}

async function stopSocat(socat: ChildProcess): Promise<void> {
  if (socat.exitCode !== null || socat.signalCode !== null) return;
  const exited = new Promise((resolve) => socat.once('exit', resolve));
  socat.kill('SIGTERM');
  await exited;
}

async function openWriter(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve())),
  );
  return port;
}

async function write(port: SerialPort, text: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    port.write(text, (error) => (error ? reject(error) : port.drain(() => resolve()))),
  );
}

function closeQuietly(port: SerialPort): Promise<void> {
  return new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
}

function harness(path: string, extra: Partial<Parameters<typeof createSerialScanner>[0]> = {}) {
  const scans: ScanEvent[] = [];
  const statuses: SerialScannerStatus[] = [];
  const scanner: SerialScanner = createSerialScanner(
    {
      path,
      reconnect: { baseMs: 50, capMs: 200, minMs: 20 },
      now: () => 1_700_000_000_000,
      ...extra,
    },
    { onScan: (scan) => scans.push(scan), onStatus: (status) => statuses.push(status) },
  );
  cleanups.push(() => scanner.stop());
  return { scanner, scans, statuses };
}

describe('serial scanner over a socat pty pair', () => {
  beforeAll(() => {
    const found = spawnSync('socat', ['-V'], { stdio: 'ignore' });
    if (found.status !== 0) throw new Error('socat is required (apt-get install -y socat)');
  });

  it('receives an EAN-13, a posting number and a GS1 DataMatrix payload, byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-serial-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const socat = await ptyPair(dir);
    cleanups.push(() => stopSocat(socat));

    const { scanner, scans, statuses } = harness(join(dir, 'b'));
    scanner.start();
    await waitFor(() => scanner.status().state === 'open', 'reader open');

    const writer = await openWriter(join(dir, 'a'));
    cleanups.push(() => closeQuietly(writer));
    // \r\n, \r, and a line split across two writes: all one scan per line.
    await write(writer, `${CODES[0]}\r\n`);
    await write(writer, `${CODES[1]}\r`);
    await write(writer, CODES[2]!.slice(0, 10));
    await write(writer, `${CODES[2]!.slice(10)}\r\n`);
    await waitFor(() => scans.length >= 3, 'three scans');

    expect(scans).toEqual(CODES.map((code) => ({ code, source: 'serial', at: 1_700_000_000_000 })));
    expect(scans.map((scan) => classifyScan(scan.code).kind)).toEqual(['gtin', 'posting', 'gtin']);
    expect(classifyScan(scans[2]!.code)).toMatchObject({ format: 'gs1', markingCode: CODES[2] });
    expect(statuses.map((s) => s.state)).toEqual(['opening', 'open']);

    await scanner.stop();
    expect(scanner.status()).toEqual({ state: 'closed', path: join(dir, 'b'), reason: 'stopped' });
  });

  it('reports the error and reconnects with backoff when the port disappears and comes back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-serial-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    let socat = await ptyPair(dir);
    cleanups.push(() => stopSocat(socat));

    const { scanner, scans, statuses } = harness(join(dir, 'b'));
    scanner.start();
    await waitFor(() => scanner.status().state === 'open', 'reader open');

    // Unplug: the pty pair goes away; the reader must say so and keep retrying.
    await stopSocat(socat);
    await waitFor(
      () => statuses.filter((s) => s.state === 'error').length >= 2,
      'error statuses while unplugged',
    );
    const errors = statuses.filter((s) => s.state === 'error');
    expect(errors.every((s) => s.state === 'error' && s.reason.length > 0)).toBe(true);
    expect(errors.map((s) => (s.state === 'error' ? s.attempt : -1)).slice(0, 2)).toEqual([0, 1]);

    // Plug back in: same path, new pty.
    rmSync(join(dir, 'a'), { force: true });
    rmSync(join(dir, 'b'), { force: true });
    socat = await ptyPair(dir);
    await waitFor(() => scanner.status().state === 'open', 'reader reopened', 5000);

    const writer = await openWriter(join(dir, 'a'));
    cleanups.push(() => closeQuietly(writer));
    await write(writer, `${CODES[0]}\r\n`);
    await waitFor(() => scans.length >= 1, 'scan after reconnect');
    expect(scans.map((scan) => scan.code)).toEqual([CODES[0]]);
  });

  it('reports a port that does not exist as an error with the reason, then stops cleanly', async () => {
    const { scanner, statuses } = harness('/dev/packdesk-no-such-scanner');
    scanner.start();
    await waitFor(() => statuses.some((s) => s.state === 'error'), 'open error');
    const error = statuses.find((s) => s.state === 'error');
    expect(error).toMatchObject({ state: 'error', attempt: 0 });
    expect(error?.state === 'error' && error.reason).toMatch(/no such file|ENOENT|cannot open/i);
    await scanner.stop();
    const count = statuses.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(statuses.length).toBe(count); // no retries after stop
    expect(scanner.status().state).toBe('closed');
  });
});

describe('serial scanner with SerialPortMock', () => {
  it('reads lines from the mock binding and honours a custom delimiter', async () => {
    const path = '/dev/SCANNER';
    SerialPortMock.binding.createPort(path);
    cleanups.push(() => SerialPortMock.binding.reset());
    let mock: SerialPortMock | null = null;
    const { scanner, scans } = harness(path, {
      delimiter: '\n',
      createPort: (p, baudRate) =>
        (mock = new SerialPortMock({ path: p, baudRate, autoOpen: false })),
    });
    scanner.start();
    await waitFor(() => scanner.status().state === 'open', 'mock open');
    mock!.port!.emitData('PDCMD:COMPLETE\n\n4006381333931\n');
    await waitFor(() => scans.length >= 2, 'two scans');
    expect(scans.map((s) => s.code)).toEqual(['PDCMD:COMPLETE', '4006381333931']);
  });
});
