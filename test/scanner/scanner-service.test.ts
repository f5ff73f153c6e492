import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract/events';
import { createCoreFixture, setUpShop, type CoreFixture } from '../support/core-fixture';

/**
 * The core's serial scanner service end to end: the setting saved through the API opens a real
 * pty made by socat, bytes written at the other end come back from `scanners.take` with rising
 * ids, each announced as `scans.changed`, and a scan goes on to `packing.scan` for its verdict.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  ms = 5000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A socat pty pair; `device` is the reader's end as the system names it (`/dev/pts/N`). */
async function ptyPair(dir: string) {
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const socat: ChildProcess = spawn(
    'socat',
    [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`],
    { stdio: 'ignore' },
  );
  await waitFor(() => existsSync(a) && existsSync(b), 'socat ptys');
  const stop = async () => {
    if (socat.exitCode !== null || socat.signalCode !== null) return;
    const exited = new Promise((resolve) => socat.once('exit', resolve));
    socat.kill('SIGTERM');
    await exited;
  };
  cleanups.push(stop);
  return { writerPath: a, device: realpathSync(b), stop };
}

async function openWriter(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve())),
  );
  cleanups.push(
    () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  );
  return port;
}

function write(port: SerialPort, text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    port.write(text, (error) => (error ? reject(error) : port.drain(() => resolve()))),
  );
}

/**
 * `scanners.take` as the station's own screen asks it (a browser on loopback); the fixture's
 * usual origin is not a machine address.
 */
async function take(
  fx: CoreFixture,
  input: { afterId: number },
  token: string,
  origin = 'http:127.0.0.1',
): Promise<{ id: number; code: string; source: 'serial'; at: number }[]> {
  const result = await fx.core.registry.call('scanners.take', input, { token, origin });
  if (!result.ok) throw new Error(`scanners.take failed: ${JSON.stringify(result.error)}`);
  return result.data as never;
}

describe('serial scanner service', () => {
  let fx: CoreFixture;

  it('delivers scans from a socat pty to scanners.take and announces them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-scanner-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const pty = await ptyPair(dir);
    fx = await createCoreFixture();
    cleanups.push(() => fx.dispose());
    const token = await setUpShop(fx);
    const events: AppEvent[] = [];
    cleanups.push(fx.core.registry.onEvent((event) => events.push(event)));

    expect(await fx.call('scanners.serial', {}, token)).toEqual({
      enabled: false,
      path: null,
      baudRate: 9600,
      state: 'off',
      error: null,
    });
    const ports = await fx.call('scanners.ports', {}, token);
    expect(Array.isArray(ports)).toBe(true);
    // Only a device: a path that climbs out of /dev is refused before anything opens it.
    const escape = await fx.fail(
      'scanners.saveSerial',
      { enabled: true, path: '/dev/../etc/passwd', baudRate: 9600 },
      token,
    );
    expect(escape.code).toBe('invalid_input');

    const saved = await fx.call(
      'scanners.saveSerial',
      { enabled: true, path: pty.device, baudRate: 9600 },
      token,
    );
    expect(saved).toEqual({
      enabled: true,
      path: pty.device,
      baudRate: 9600,
      state: 'open',
      error: null,
    });

    const writer = await openWriter(pty.writerPath);
    const codes = ['4006381333931', '0123456789-0001-1', 'PDCMD:COMPLETE'];
    await write(writer, `${codes[0]}\r\n${codes[1]}\r`);
    await write(writer, `${codes[2]}\r\n`);
    const scans = await waitFor(async () => {
      const taken = await take(fx, { afterId: 0 }, token);
      return taken.length >= 3 ? taken : undefined;
    }, 'three serial scans');
    expect(scans.map((s) => s.code)).toEqual(codes);
    expect(scans.every((s) => s.source === 'serial' && s.at === fx.clock.now)).toBe(true);
    // Ids rise one by one from the core's start time, so they keep rising across a restart.
    const first = scans[0]!.id;
    expect(first).toBeGreaterThanOrEqual(fx.clock.now);
    expect(scans.map((s) => s.id)).toEqual([first, first + 1, first + 2]);
    expect(events.filter((e) => e.name === 'scans.changed').length).toBeGreaterThanOrEqual(3);
    expect(await take(fx, { afterId: first + 2 }, token)).toEqual([]);
    // A screen on another machine of the LAN gets none: the scanner belongs to this station.
    expect(await take(fx, { afterId: 0 }, token, 'http:192.168.1.20')).toEqual([]);
    expect(await take(fx, { afterId: 0 }, token, 'desktop')).toHaveLength(3);
    expect((await take(fx, { afterId: first + 1 }, token)).map((s) => s.code)).toEqual([codes[2]]);

    // A serial scan goes on to the counter like any other.
    const verdict = await fx.call(
      'packing.scan',
      { code: scans[1]!.code, source: 'serial', at: scans[1]!.at },
      token,
    );
    expect(verdict).toMatchObject({ verdict: 'posting_not_found', kind: 'posting' });

    // The port vanishes: the state says so, the core carries on.
    await pty.stop();
    const failed = await waitFor(async () => {
      const status = await fx.call('scanners.serial', {}, token);
      return status.state === 'error' ? status : undefined;
    }, 'the error state');
    expect(failed.error).toBeTruthy();
    expect((await fx.call('packing.current', {}, token)).session).toBeNull();

    // A new port, saved: reopened, scans flow again after the old ids.
    const dir2 = mkdtempSync(join(tmpdir(), 'packdesk-scanner-'));
    cleanups.push(() => rmSync(dir2, { recursive: true, force: true }));
    const replug = await ptyPair(dir2);
    const reopened = await fx.call(
      'scanners.saveSerial',
      { enabled: true, path: replug.device, baudRate: 115200 },
      token,
    );
    expect(reopened).toMatchObject({ state: 'open', baudRate: 115200, error: null });
    const writer2 = await openWriter(replug.writerPath);
    await write(writer2, '4600000000312\r\n');
    const later = await waitFor(async () => {
      const taken = await take(fx, { afterId: first + 2 }, token);
      return taken.length >= 1 ? taken : undefined;
    }, 'a scan on the new port');
    expect(later).toEqual([
      { id: first + 3, code: '4600000000312', source: 'serial', at: fx.clock.now },
    ]);

    // Switched off: the port is closed and stays closed.
    const off = await fx.call(
      'scanners.saveSerial',
      { enabled: false, path: replug.device, baudRate: 115200 },
      token,
    );
    expect(off).toMatchObject({ enabled: false, state: 'off', error: null });
  });

  it('reopens the saved port when the core starts, and lets only back-office roles change it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-scanner-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const pty = await ptyPair(dir);
    const first = await createCoreFixture();
    const token = await setUpShop(first);
    await first.call(
      'scanners.saveSerial',
      { enabled: true, path: pty.device, baudRate: 9600 },
      token,
    );
    await first.call(
      'users.create',
      { username: 'paul', displayName: 'Paul', role: 'staff', password: 'packer password 1' },
      token,
    );
    const paul = (
      await first.call('auth.login', { username: 'paul', password: 'packer password 1' })
    ).token;
    expect(
      (
        await first.fail(
          'scanners.saveSerial',
          { enabled: false, path: null, baudRate: 9600 },
          paul,
        )
      ).code,
    ).toBe('forbidden');
    expect(
      (
        await first.fail(
          'scanners.saveSerial',
          { enabled: true, path: '/etc/passwd', baudRate: 9600 },
          token,
        )
      ).code,
    ).toBe('invalid_input');
    await first.core.close();

    fx = await createCoreFixture(first.dataDir);
    cleanups.push(() => fx.dispose());
    const status = await waitFor(async () => {
      const s = await fx.call('scanners.serial', {}, token);
      return s.state === 'open' ? s : undefined;
    }, 'the saved port to open at start');
    expect(status).toMatchObject({ enabled: true, path: pty.device });
  });
});
