import { chmodSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecretKey } from '../../electron/main/secret-key';
import { tempDir } from '../support/core-fixture';
import { createFakeElectron, createRecordingLogger } from './fake-electron';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function setup(available: boolean) {
  const dir = tempDir();
  dirs.push(dir);
  const { safeStorage } = createFakeElectron();
  safeStorage.available = available;
  return { path: join(dir, 'secret.key.enc'), safeStorage, log: createRecordingLogger() };
}

describe('secret key under the OS keychain', () => {
  it('creates 32 random bytes once, stores them sealed by safeStorage, owner-only, and reads them back', () => {
    const deps = setup(true);
    const key = loadSecretKey(deps);
    expect(key).toHaveLength(32);
    const file = readFileSync(deps.path);
    expect(file.toString()).toMatch(/^keychain:/);
    expect(file.toString()).not.toContain(key.toString('hex'));
    expect(statSync(deps.path).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(deps).equals(key)).toBe(true);
  });

  it('falls back to an owner-only file and says so when there is no keychain', () => {
    const deps = setup(false);
    const key = loadSecretKey(deps);
    expect(readFileSync(deps.path).toString()).toBe(`plain:${key.toString('base64')}`);
    expect(deps.log.lines.some((line) => line.level === 'warn')).toBe(true);
    expect(loadSecretKey(deps).equals(key)).toBe(true);
  });

  it.skipIf(process.platform === 'win32')(
    'tightens a key file copied or restored as 0644 back to owner-only when it is read',
    () => {
      const deps = setup(true);
      const key = loadSecretKey(deps);
      chmodSync(deps.path, 0o644);
      expect(loadSecretKey(deps).equals(key)).toBe(true);
      expect(statSync(deps.path).mode & 0o777).toBe(0o600);
    },
  );
});
