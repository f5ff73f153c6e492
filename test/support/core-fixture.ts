import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError } from '../../shared/contract/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { createCore, type Core } from '../../electron/core/core';
import { createConsoleLogger } from '../../electron/core/logging/logger';

/** A core on a real SQLite file in a fresh temp folder, with a clock the test can move. */
export interface CoreFixture {
  core: Core;
  dataDir: string;
  clock: { now: number };
  /** Calls a method and returns its data, failing the test on an error result. */
  call<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
    token?: string | null,
  ): Promise<MethodOutput<M>>;
  /** Calls a method that must fail, and returns its error. */
  fail(method: string, input: unknown, token?: string | null): Promise<ApiError>;
  dispose(): Promise<void>;
}

export function tempDir(prefix = 'packdesk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function createCoreFixture(dataDir = tempDir()): Promise<CoreFixture> {
  const clock = { now: Date.UTC(2026, 10, 23, 9, 0, 0) };
  const core = await createCore({
    dataDir,
    log: createConsoleLogger('test', 'silent'),
    now: () => clock.now,
    secretKey: randomBytes(32),
  });
  const origin = 'test';
  return {
    core,
    dataDir,
    clock,
    async call(method, input, token = null) {
      const result = await core.registry.call(method, input, { token, origin });
      if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
      return result.data as never;
    },
    async fail(method, input, token = null) {
      const result = await core.registry.call(method, input, { token, origin });
      if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
      return result.error;
    },
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const ADMIN = {
  shopName: 'Demo shop',
  username: 'admin',
  displayName: 'Anna Admin',
  password: 'correct horse battery',
  language: 'en',
} as const;

/** First run done: returns the administrator's token. */
export async function setUpShop(fixture: CoreFixture): Promise<string> {
  const session = await fixture.call('setup.createShop', ADMIN);
  return session.token;
}
