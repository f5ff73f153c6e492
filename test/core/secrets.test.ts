import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeyFile } from '../../electron/core/secrets/key-file';
import { SecretBox } from '../../electron/core/secrets/secret-box';
import { tempDir } from '../support/core-fixture';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('SecretBox', () => {
  it('seals so the plain text is not visible, and opens only with the same key', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('ozon-api-key-0123456789');
    expect(sealed).not.toContain('ozon-api-key');
    expect(box.open(sealed)).toBe('ozon-api-key-0123456789');
    expect(box.seal('same')).not.toBe(box.seal('same'));
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    const tampered = [v, iv, tag, `${body?.slice(0, -2)}AA`].join('.');
    expect(() => box.open(tampered)).toThrow();
  });
});

describe('station key file', () => {
  it('is created once with owner-only permissions and read back the same', () => {
    const dir = tempDir();
    dirs.push(dir);
    const key = loadOrCreateKeyFile(dir);
    expect(key).toHaveLength(32);
    const path = join(dir, 'secret.key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe(key.toString('base64'));
    chmodSync(path, 0o644);
    expect(loadOrCreateKeyFile(dir).equals(key)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
