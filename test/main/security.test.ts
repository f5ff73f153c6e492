import type { App, Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/main/security/csp';
import { resolveAppOrigin } from '../../electron/main/security/origin';
import {
  hardenWebContents,
  installSecurityPolicy,
  isAllowedExternal,
} from '../../electron/main/security/policy';
import {
  asElectron,
  createFakeElectron,
  createRecordingLogger,
  FakeWebContents,
} from './fake-electron';

const pageUrl = 'app://packdesk/index.html';
/** Where the page was loaded from before it moved to app://; no longer the app's own. */
const oldFilePage = 'file:///opt/Packdesk/resources/app.asar/out/renderer/index.html';

const appOrigin = resolveAppOrigin({ devServerUrl: undefined, isPackaged: true });
const devOrigin = resolveAppOrigin({ devServerUrl: 'http://localhost:5173/', isPackaged: false });

describe('resolveAppOrigin', () => {
  it('loads app://packdesk/index.html and recognises only the app:// origin', () => {
    expect(appOrigin.pageUrl).toBe(pageUrl);
    expect(appOrigin.isDevServer).toBe(false);
    expect(appOrigin.isAppUrl(pageUrl)).toBe(true);
    expect(appOrigin.isAppUrl(`${pageUrl}#/orders?id=1`)).toBe(true);
    expect(appOrigin.isAppUrl('app://packdesk/assets/index-B1x_9Qz.js')).toBe(true);
    expect(appOrigin.isAppUrl('app://evil.example/index.html')).toBe(false);
    expect(appOrigin.isAppUrl('app://packdesk.evil.example/index.html')).toBe(false);
    expect(appOrigin.isAppUrl('app://packdesk:8080/index.html')).toBe(false);
    expect(appOrigin.isAppUrl('app://user@packdesk/index.html')).toBe(false);
    expect(appOrigin.isAppUrl('apps://packdesk/index.html')).toBe(false);
    expect(appOrigin.isAppUrl(oldFilePage)).toBe(false);
    expect(appOrigin.isAppUrl('file:///etc/passwd')).toBe(false);
    expect(appOrigin.isAppUrl('https://packdesk/index.html')).toBe(false);
    expect(appOrigin.isAppUrl('not a url')).toBe(false);
  });

  it('recognises the dev server origin in development', () => {
    expect(devOrigin.pageUrl).toBe('http://localhost:5173/');
    expect(devOrigin.isDevServer).toBe(true);
    expect(devOrigin.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(devOrigin.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(devOrigin.isAppUrl('https://localhost:5173/')).toBe(false);
    expect(devOrigin.isAppUrl(pageUrl)).toBe(false);
  });

  it('ignores the dev server variable in a packaged app and non-http values', () => {
    const packaged = resolveAppOrigin({
      devServerUrl: 'https://attacker.example/',
      isPackaged: true,
    });
    expect(packaged.pageUrl).toBe(pageUrl);
    expect(packaged.isAppUrl('https://attacker.example/')).toBe(false);
    const odd = resolveAppOrigin({ devServerUrl: 'javascript:alert(1)', isPackaged: false });
    expect(odd.pageUrl).toBe(pageUrl);
  });
});

function setup(externalOrigins: readonly string[] = [], origin = appOrigin) {
  const electron = createFakeElectron();
  const log = createRecordingLogger();
  const session = electron.session.defaultSession;
  installSecurityPolicy({
    app: asElectron<App>(electron.app),
    session: asElectron<Session>(session),
    origin,
    openExternal: electron.shell.openExternal,
    externalOrigins,
    log,
  });
  return { electron, session, log };
}

function directive(policy: string, name: string): string | undefined {
  return policy.split('; ').find((part) => part.startsWith(`${name} `));
}

describe('session policy', () => {
  it('denies every permission request and check', () => {
    const { session } = setup();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'hid']) {
      const answers: boolean[] = [];
      session.permissionRequestHandler?.(
        {},
        permission,
        (granted: boolean) => answers.push(granted),
        {},
      );
      expect(answers).toEqual([false]);
      // Even the app's own origin gets nothing: the page needs no permission at all.
      expect(session.permissionCheckHandler?.(null, permission, 'app://packdesk', {})).toBe(false);
    }
    expect(session.devicePermissionHandler?.({ deviceType: 'serial' })).toBe(false);
  });

  it('adds the CSP header, replacing one the response carried', () => {
    const { session } = setup();
    const headers = session.respond(pageUrl, {
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html'],
    });
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy(false)]);
    const policy = headers['Content-Security-Policy']?.[0] ?? '';
    expect(directive(policy, 'default-src')).toBe("default-src 'self'");
    expect(directive(policy, 'script-src')).toBe("script-src 'self'");
    expect(directive(policy, 'object-src')).toBe("object-src 'none'");
    expect(directive(policy, 'base-uri')).toBe("base-uri 'none'");
    expect(session.respond(pageUrl)['Content-Security-Policy']).toEqual([policy]);
  });

  it('allows inline scripts only for the dev server', () => {
    const { session } = setup([], devOrigin);
    const policy = session.respond('http://localhost:5173/')['Content-Security-Policy']?.[0];
    expect(directive(policy ?? '', 'script-src')).toBe("script-src 'self' 'unsafe-inline'");
    expect(directive(contentSecurityPolicy(false), 'script-src')).toBe("script-src 'self'");
  });
});

describe('webContents policy (applied to every webContents on creation)', () => {
  it('blocks navigation and redirects away from the app:// origin, allows its own page', () => {
    const { electron } = setup();
    const window = new electron.BrowserWindow({});
    const contents = window.webContents;
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-navigate', oldFilePage)).toBe(true);
    expect(contents.attempt('will-navigate', 'app://evil.example/index.html')).toBe(true);
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-redirect', 'app://packdesk:1/index.html')).toBe(true);
    expect(contents.attempt('will-navigate', `${pageUrl}#/settings`)).toBe(false);
    expect(contents.attempt('will-redirect', pageUrl)).toBe(false);
  });

  it('blocks navigation to another port than the dev server', () => {
    const { electron } = setup([], devOrigin);
    const contents = new electron.BrowserWindow({}).webContents;
    expect(contents.attempt('will-navigate', 'http://localhost:5173/')).toBe(false);
    expect(contents.attempt('will-navigate', 'http://localhost:8080/')).toBe(true);
  });

  it('prevents webviews', () => {
    const { electron } = setup();
    expect(new electron.BrowserWindow({}).webContents.attempt('will-attach-webview')).toBe(true);
  });

  it('denies window.open and opens nothing externally with the empty allowlist', () => {
    const { electron } = setup();
    const contents = new electron.BrowserWindow({}).webContents;
    expect(contents.open('https://seller.ozon.ru/')).toEqual({ action: 'deny' });
    expect(contents.open(pageUrl)).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('sends allowlisted https links to the OS browser and still denies the window', () => {
    const { electron } = setup(['https://seller.ozon.ru']);
    const contents = new electron.BrowserWindow({}).webContents;
    expect(contents.open('https://seller.ozon.ru/app/orders')).toEqual({ action: 'deny' });
    expect(contents.open('http://seller.ozon.ru/')).toEqual({ action: 'deny' });
    expect(contents.open('https://seller.ozon.ru.evil.example/')).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://seller.ozon.ru/app/orders']]);
  });

  it('logs instead of throwing when the OS browser cannot be opened', async () => {
    const log = createRecordingLogger();
    const contents = new FakeWebContents();
    hardenWebContents(asElectron<WebContents>(contents), {
      origin: appOrigin,
      openExternal: () => Promise.reject(new Error('no browser')),
      externalOrigins: ['https://seller.ozon.ru'],
      log,
    });
    expect(contents.open('https://seller.ozon.ru/')).toEqual({ action: 'deny' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log.lines.some((line) => line.message === 'openExternal failed')).toBe(true);
  });
});

describe('isAllowedExternal', () => {
  it('matches https origins exactly', () => {
    const list = ['https://docs.packdesk.app'];
    expect(isAllowedExternal('https://docs.packdesk.app/help', list)).toBe(true);
    expect(isAllowedExternal('https://docs.packdesk.app:8443/', list)).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)', list)).toBe(false);
    expect(isAllowedExternal('file:///etc/passwd', list)).toBe(false);
    expect(isAllowedExternal('::', list)).toBe(false);
    expect(isAllowedExternal('https://docs.packdesk.app/', [])).toBe(false);
  });
});
