import type { Protocol } from 'electron';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/main/security/csp';
import { registerAppScheme } from '../../electron/main/protocol/app-scheme';
import { createAppFileHandler, serveAppScheme } from '../../electron/main/protocol/file-handler';
import { asElectron, createFakeElectron, createRecordingLogger } from './fake-electron';

// A built renderer in a real folder, with a secret beside it that no app:// URL may reach.
const root = mkdtempSync(join(tmpdir(), 'packdesk-app-scheme-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const rendererDir = join(root, 'renderer');
const SECRET = 'sealed-key-material';
const secretFile = join(root, 'secret.txt');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
mkdirSync(join(root, 'renderer-private'));
writeFileSync(secretFile, SECRET);
writeFileSync(join(root, 'renderer-private', 'secret.txt'), SECRET);
const files: Record<string, { body: Buffer; type: string }> = {
  'index.html': {
    body: Buffer.from('<script type="module" src="./assets/index-B1x_9Qz.js"></script>'),
    type: 'text/html; charset=utf-8',
  },
  'assets/index-B1x_9Qz.js': {
    body: Buffer.from('export const page = 1;'),
    type: 'text/javascript; charset=utf-8',
  },
  'assets/index-D4c-2k.css': {
    body: Buffer.from('body{margin:0}'),
    type: 'text/css; charset=utf-8',
  },
  'assets/done-Cq7d.wav': { body: Buffer.from([0x52, 0x49, 0x46, 0x46, 0, 1]), type: 'audio/wav' },
  'assets/logo-x1.svg': { body: Buffer.from('<svg/>'), type: 'image/svg+xml' },
  'assets/noto-sans-400.woff2': { body: Buffer.from([0x77, 0x4f, 0x46, 0x32]), type: 'font/woff2' },
  'assets/data-9f.bin': { body: Buffer.from([0, 255]), type: 'application/octet-stream' },
};
for (const [name, { body }] of Object.entries(files)) writeFileSync(join(rendererDir, name), body);

/** The fake electron after main's two steps: privileges before ready, the handler after. */
async function servedApp() {
  const electron = createFakeElectron();
  const log = createRecordingLogger();
  registerAppScheme(asElectron<Protocol>(electron.protocol));
  await electron.app.becomeReady();
  serveAppScheme(asElectron<Protocol>(electron.protocol), { rendererDir, log });
  return { electron, log };
}

const handler = createAppFileHandler({ rendererDir, log: createRecordingLogger() });
const get = (url: string) => handler({ url, method: 'GET' });

describe('app:// scheme registration', () => {
  it('is privileged as standard, secure and streaming only, in one call', () => {
    const electron = createFakeElectron();
    registerAppScheme(asElectron<Protocol>(electron.protocol));
    expect(electron.protocol.privilegedCalls).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true, stream: true } }],
    ]);
  });
});

describe('app:// file handler', () => {
  it('serves the built files with their content type and the page security headers', async () => {
    const { electron } = await servedApp();
    for (const [name, { body, type }] of Object.entries(files)) {
      const response = await electron.protocol.fetch(`app://packdesk/${name}`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type'), name).toBe(type);
      expect(Buffer.from(await response.arrayBuffer()).equals(body), name).toBe(true);
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy(false));
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    const root = await electron.protocol.fetch('app://packdesk/');
    expect(await root.text()).toBe(files['index.html']?.body.toString());
    const routed = await electron.protocol.fetch('app://packdesk/index.html?lang=fa#/packing');
    expect(routed.status).toBe(200);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await handler({ url: 'app://packdesk/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await head.text()).toBe('');
    const post = await handler({ url: 'app://packdesk/index.html', method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('answers 404 for missing files and for folders', async () => {
    const { electron } = await servedApp();
    for (const url of [
      'app://packdesk/assets/missing.js',
      'app://packdesk/assets',
      'app://packdesk/index.html/x',
      'app://packdesk/orders',
    ]) {
      const response = await electron.protocol.fetch(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(
        contentSecurityPolicy(false),
      );
    }
  });

  const refused = [
    // dot segments, plain and percent-encoded in every case
    'app://packdesk/../secret.txt',
    'app://packdesk/assets/../../secret.txt',
    'app://packdesk/%2e%2e/secret.txt',
    'app://packdesk/%2E%2E/secret.txt',
    'app://packdesk/.%2e/secret.txt',
    'app://packdesk/%2e./renderer-private/secret.txt',
    // encoded separators and backslashes
    'app://packdesk/..%2fsecret.txt',
    'app://packdesk/%2e%2e%2Fsecret.txt',
    'app://packdesk/assets%2f..%2f..%2fsecret.txt',
    'app://packdesk/..%5csecret.txt',
    'app://packdesk/assets%5C..%5C..%5Csecret.txt',
    'app://packdesk/..\\secret.txt',
    'app://packdesk/assets\\..\\..\\secret.txt',
    // double encoding, NUL, hidden files
    'app://packdesk/%252e%252e/secret.txt',
    'app://packdesk/index.html%00.js',
    'app://packdesk/.vite/manifest.json',
    // absolute paths
    'app://packdesk//etc/passwd',
    `app://packdesk/${encodeURIComponent(secretFile)}`,
    `app://packdesk/${secretFile.split('/').join('%5c')}`,
    'app://packdesk/C:/Windows/win.ini',
    'app://packdesk/C:%5CWindows%5Cwin.ini',
    `app://${secretFile}`,
    // another origin
    'app://evil.example/index.html',
    'app://packdesk.evil.example/index.html',
    'app://packdesk:8080/index.html',
    'app://user:pass@packdesk/index.html',
    'app:///index.html',
    'file:///etc/passwd',
    'https://packdesk/index.html',
  ];

  it('refuses traversal, encoded separators, absolute paths and other hosts with 403', async () => {
    const log = createRecordingLogger();
    const strict = createAppFileHandler({ rendererDir, log });
    for (const url of refused) {
      const response = await strict({ url, method: 'GET' });
      expect(response.status, url).toBe(403);
      expect(await response.text(), url).not.toContain(SECRET);
    }
    expect(log.lines.filter((line) => line.message === 'app:// request refused')).toHaveLength(
      refused.length,
    );
    // Harmless here, but a dot segment reaching the handler means something skipped Chromium's
    // normalisation, so it is refused rather than resolved.
    expect((await strict({ url: 'app://packdesk/./index.html', method: 'GET' })).status).toBe(403);
  });

  it('never serves the secret to a request Electron builds from those URLs', async () => {
    const { electron } = await servedApp();
    // A Request cannot carry credentials, so those URLs never reach a handler at all.
    const requestable = refused.filter((url) => url.startsWith('app:') && !url.includes('@'));
    for (const url of requestable) {
      const response = await electron.protocol.fetch(url);
      expect([403, 404], url).toContain(response.status);
      expect(await response.text(), url).not.toContain(SECRET);
    }
  });

  it('reads only inside the renderer folder even for odd but allowed names', async () => {
    expect((await get('app://packdesk/index.html')).status).toBe(200);
    expect((await get('app://packdesk/renderer-private/secret.txt')).status).toBe(404);
    expect((await get('app://packdesk/secret.txt')).status).toBe(404);
  });
});
