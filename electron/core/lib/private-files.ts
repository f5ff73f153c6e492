import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Owner-only permissions for everything in the data folder: the database and its WAL hold the
 * shop, the key file opens the sealed API keys, the logs name customers and postings. Applied
 * when a file is created and again at every start, so a folder copied or restored with 0644
 * files is closed up too.
 *
 * POSIX only. Windows has no mode bits (Node's chmod toggles just the read-only flag), so
 * nothing is done there: the data folder sits in the user's profile, whose ACL already keeps
 * other users out.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const HAS_MODES = process.platform !== 'win32';

/** Creates `dir` (and missing parents) as 0700, or tightens it to 0700 if it exists. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
}

/** Tightens an existing file to 0600; a file that is not there is left alone. */
export function makePrivateFile(path: string): void {
  try {
    tighten(path, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Tightens every file directly in `dir` to 0600 (a logs folder: current and rotated files). */
export function makePrivateFilesIn(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) makePrivateFile(join(dir, entry.name));
  }
}

/**
 * chmod only when group or others have any access: a folder already private needs no write,
 * and one owned by someone else but already private does not fail the start with EPERM.
 */
function tighten(path: string, mode: number): void {
  if (!HAS_MODES) return;
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, mode);
}
