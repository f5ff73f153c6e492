import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import type { SafeStorage } from 'electron';
import type { Logger } from '../../shared/lib/logger';

/**
 * The core's secret key (it seals marketplace API keys in the database), kept in
 * `<userData>/secret.key.enc` encrypted by the OS keychain through safeStorage. Where no keychain
 * is available (some Linux desktops) the file holds the key in the clear with owner-only
 * permissions, the same protection the station gives it, and the log says so.
 */
export function loadSecretKey(deps: {
  path: string;
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;
  log: Logger;
}): Buffer {
  const { path, safeStorage, log } = deps;
  const encrypted = safeStorage.isEncryptionAvailable();
  if (!encrypted)
    log.warn({ path }, 'no OS keychain: the secret key is protected by file permissions only');
  let stored: Buffer | null = null;
  try {
    stored = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (stored) {
    // A file copied or restored with 0644 is closed up again; Windows has no mode bits.
    if (process.platform !== 'win32') chmodSync(path, 0o600);
    const text =
      stored.subarray(0, 6).toString() === 'plain:'
        ? stored.subarray(6).toString()
        : safeStorage.decryptString(stored);
    return Buffer.from(text, 'base64');
  }
  const key = randomBytes(32);
  const body = encrypted
    ? safeStorage.encryptString(key.toString('base64'))
    : Buffer.from(`plain:${key.toString('base64')}`);
  writeFileSync(path, body, { mode: 0o600, flag: 'wx' });
  return key;
}
