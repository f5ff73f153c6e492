import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const STATION = join(import.meta.dirname, '../../out/main/station.js');

export interface StationProcess {
  url: string;
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
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`station did not start: ${stderr}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
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
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
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
