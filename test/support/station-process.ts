import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodInput } from '../../shared/contract/methods';
import { ADMIN } from './core-fixture';

const STATION = join(import.meta.dirname, '../../out/main/station.js');

export interface StationProcess {
  url: string;
  /** The one-time setup code the station printed, or null when its shop was set up already. */
  setupCode: string | null;
  /** Everything the station printed on stdout so far. */
  stdout(): string;
  child: ChildProcess;
  /** Milliseconds from spawn to the "listening" line. */
  startupMs: number;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** Starts the built station (`npm run build` first) as its own process, on a free port. */
export async function startStationProcess(dataDir: string): Promise<StationProcess> {
  if (!existsSync(STATION)) throw new Error(`${STATION} is missing: run npm run build first`);
  const started = performance.now();
  const child = spawn(process.execPath, [STATION, '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station did not start: ${stderr}`)), 20_000);
    child.stdout?.on('data', () => {
      const match = /^Packdesk station \S+: (http:\/\/127\.0\.0\.1:\d+)/m.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`station exited with ${code}: ${stderr}`));
    });
  });
  const startupMs = performance.now() - started;
  // The station prints its setup code before the address line waited for above.
  const setupCode = /^Setup code: (\S+)/m.exec(stdout)?.[1] ?? null;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    setupCode,
    stdout: () => stdout,
    child,
    startupMs,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** First run over HTTP with the code the station printed; returns the Administrator's token. */
export async function createShopOverHttp(
  station: StationProcess,
  input: MethodInput<'setup.createShop'> = ADMIN,
): Promise<string> {
  const { status, body } = await api(station.url, 'setup.createShop', {
    ...input,
    setupCode: station.setupCode ?? undefined,
  });
  if (status !== 200)
    throw new Error(`setup.createShop answered ${status}: ${JSON.stringify(body)}`);
  return body.data.token as string;
}

/** One API call over HTTP, returning the ApiResult body. */
export async function api(url: string, method: string, input: unknown, token?: string | null) {
  const response = await fetch(`${url}/api/${method.replace('.', '/')}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(input),
  });
  return {
    status: response.status,
    body: (await response.json()) as { ok: boolean; data?: any; error?: any },
  };
}
