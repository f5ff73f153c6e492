import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateFile, PRIVATE_FILE_MODE } from '../lib/private-files';

export const KEY_FILE_NAME = 'secret.key';

/**
 * The station's secret key: 32 random bytes in `<data>/secret.key`, readable by the owner only
 * (0600), created on first start. Anyone who can read it can open the sealed API keys, exactly
 * as with the database file beside it; it keeps them out of backups and copies of the database.
 */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const path = join(dataDir, KEY_FILE_NAME);
  try {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} is damaged: expected 32 bytes`);
    // Tighten permissions if someone loosened them.
    makePrivateFile(path);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64'), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  return key;
}
