import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConsoleLogger } from '../../electron/core/logging/logger';
import {
  startStationHost,
  type StationHost,
  type StationOptions,
} from '../../electron/core/station/http-host';
import { createCoreFixture, type CoreFixture } from './core-fixture';

export interface TestStation {
  fx: CoreFixture;
  station: StationHost;
  /** `POST <path>` with a JSON body (a string is sent as it is), as the renderer would. */
  post(
    path: string,
    body: unknown,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: any }>;
  /** Stops the host and starts a new one on the same core, as a station restart would. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** The station host in this process, on a core with a real database and a stub renderer. */
export async function startTestStation(
  overrides: Partial<StationOptions> = {},
): Promise<TestStation> {
  const fx = await createCoreFixture();
  const rendererDir = join(fx.dataDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Packdesk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("packdesk")');
  const start = () =>
    startStationHost({
      registry: fx.core.registry,
      log: createConsoleLogger('station', 'silent'),
      rendererDir,
      host: '127.0.0.1',
      port: 0,
      version: '0.0.0-test',
      ...overrides,
    });
  const testStation: TestStation = {
    fx,
    station: await start(),
    async post(path, body, token, headers = {}) {
      const response = await fetch(`${testStation.station.url}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as any,
      };
    },
    async restart() {
      await testStation.station.close();
      testStation.station = await start();
    },
    async dispose() {
      await testStation.station.close();
      await fx.dispose();
    },
  };
  return testStation;
}
