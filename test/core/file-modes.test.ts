import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';
import { createFileLogger } from '../../electron/core/logging/logger';
import { tempDir } from '../support/core-fixture';

/**
 * Owner-only data: the folder 0700, the database, its WAL, the key file and the logs 0600, on
 * creation and, for a folder left world-readable by an older version or a restore, on start.
 * POSIX modes only: Windows has none (see electron/core/lib/private-files.ts).
 */
const dirs: string[] = [];
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = tempDir('packdesk-modes-');
  dirs.push(dir);
  return dir;
}

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every file and folder under `dir` with its mode, as `relative path → 0o…` text. */
function modesUnder(dir: string): Record<string, string> {
  const modes: Record<string, string> = { '.': modeOf(dir).toString(8) };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    modes[path.slice(dir.length + 1)] = modeOf(path).toString(8);
  }
  return modes;
}

/** The station entry (`electron/core/station.ts`) as its own process, run from source by jiti. */
async function startStation(dataDir: string): Promise<() => Promise<void>> {
  const cli = join(
    createRequire(import.meta.url).resolve('jiti/package.json'),
    '../lib/jiti-cli.mjs',
  );
  const entry = join(import.meta.dirname, '../../electron/core/station.ts');
  const child = spawn(process.execPath, [cli, entry, '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/Packdesk station .*http:\/\/127\.0\.0\.1:\d+/.test(output)) resolve();
    });
    void exited.then((code) => reject(new Error(`station exited with ${code}: ${output}`)));
  });
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  stops.push(stop);
  return stop;
}

/** pino writes through an async stream: the log file appears shortly after the first line. */
async function waitForFile(path: string): Promise<void> {
  for (let attempt = 0; attempt < 200 && !existsSync(path); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(existsSync(path), path).toBe(true);
}

/**
 * A data folder as an older Packdesk left it, everything readable by everyone, with its
 * database at `schemaVersion` (an older one makes the start back it up before migrating).
 */
function worldReadableDataFolder(
  dataDir: string,
  logsDir: string,
  logName: string,
  schemaVersion = MIGRATIONS.length,
) {
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(logsDir, { recursive: true });
  writeFileSync(join(logsDir, `${logName}.log`), '{"msg":"old line"}\n');
  writeFileSync(join(logsDir, `20260101-0000-01-${logName}.log`), '{"msg":"rotated"}\n');
  // This connection stays open through the start, so -wal and -shm stay on disk as they do
  // after a crash, and the start must find and fix them.
  const holder = new BetterSqlite3(join(dataDir, 'shop.sqlite'));
  holder.pragma('journal_mode = WAL');
  migrate(holder, join(dataDir, 'shop.sqlite'), MIGRATIONS.slice(0, schemaVersion));
  for (const dir of [dataDir, logsDir]) {
    chmodSync(dir, 0o755);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile()) chmodSync(join(dir, entry.name), 0o644);
    }
  }
  return holder;
}

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  it('a station start creates the folder 0700 and every file in it 0600', async () => {
    const dataDir = join(scratch(), 'data');
    const stop = await startStation(dataDir);
    await waitForFile(join(dataDir, 'logs', 'station.log'));
    expect(modesUnder(dataDir)).toEqual({
      '.': '700',
      logs: '700',
      'logs/station.log': '600',
      'secret.key': '600',
      'shop.sqlite': '600',
      'shop.sqlite-wal': '600',
      'shop.sqlite-shm': '600',
    });
    await stop();
  });

  it('a station start tightens a folder an older version left world-readable', async () => {
    const dataDir = join(scratch(), 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'secret.key'), randomBytes(32).toString('base64'));
    const holder = worldReadableDataFolder(dataDir, join(dataDir, 'logs'), 'station');
    try {
      await startStation(dataDir);
      expect(modesUnder(dataDir)).toEqual({
        '.': '700',
        logs: '700',
        'logs/station.log': '600',
        'logs/20260101-0000-01-station.log': '600',
        'secret.key': '600',
        'shop.sqlite': '600',
        'shop.sqlite-wal': '600',
        'shop.sqlite-shm': '600',
      });
    } finally {
      holder.close();
    }
  });

  it("the core under Electron tightens its folder, a backup, and the logs beside main's", async () => {
    const root = scratch();
    const dataDir = join(root, 'data');
    const logsDir = join(root, 'logs');
    const holder = worldReadableDataFolder(dataDir, logsDir, 'main', MIGRATIONS.length - 1);
    const log = createFileLogger(logsDir, 'core');
    const core = await createCore({ dataDir, log, secretKey: randomBytes(32) });
    try {
      const backups = readdirSync(dataDir).filter((name) => name.endsWith('.bak'));
      expect(backups).toHaveLength(1);
      expect(modesUnder(dataDir)).toEqual({
        '.': '700',
        'shop.sqlite': '600',
        'shop.sqlite-wal': '600',
        'shop.sqlite-shm': '600',
        [backups[0]!]: '600',
      });
      await waitForFile(join(logsDir, 'core.log'));
      expect(modesUnder(logsDir)).toEqual({
        '.': '700',
        'core.log': '600',
        'main.log': '600',
        '20260101-0000-01-main.log': '600',
      });
    } finally {
      await core.close();
      holder.close();
    }
  });
});
