import type { App, Session, WebContents } from 'electron';
import type { Logger } from '../../../shared/lib/logger';
import { contentSecurityPolicy, withContentSecurityPolicy } from './csp';
import type { AppOrigin } from './origin';

export interface SecurityPolicyDeps {
  app: Pick<App, 'on'>;
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  > & { webRequest: Pick<Session['webRequest'], 'onHeadersReceived'> };
  origin: AppOrigin;
  /** `shell.openExternal`. */
  openExternal(url: string): Promise<void>;
  /** Origins (e.g. `https://seller.ozon.ru`) whose links open in the OS browser; empty = none. */
  externalOrigins: readonly string[];
  log: Logger;
}

/** Whether a link may leave the app for the OS browser: https only, exact origin match. */
export function isAllowedExternal(url: string, externalOrigins: readonly string[]): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && externalOrigins.includes(parsed.origin);
  } catch {
    return false;
  }
}

/**
 * Session-wide defaults plus a hook that hardens every webContents when it is created, so a
 * window added later cannot forget the policy. Call once, after `app` is ready and before the
 * first window.
 */
export function installSecurityPolicy(deps: SecurityPolicyDeps): void {
  const { session, log } = deps;
  // Nothing in the page needs camera, notifications, HID, serial…; scanners and printers are
  // reached from the core, so every request is refused and logged for diagnosis.
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn({ permission }, 'permission request denied');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  const policy = contentSecurityPolicy(deps.origin.isDevServer);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });

  deps.app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, deps));
}

/** Navigation, pop-up and webview rules for one webContents. */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  deps: Pick<SecurityPolicyDeps, 'origin' | 'openExternal' | 'externalOrigins' | 'log'>,
): void {
  const { origin, log } = deps;
  contents.on('will-navigate', (event) => {
    if (origin.isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ url: event.url }, 'navigation blocked');
  });
  contents.on('will-redirect', (event) => {
    if (origin.isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ url: event.url }, 'redirect blocked');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({}, 'webview blocked');
  });
  // A new window would be a second page with the bridge (or without our policy); links that are
  // allowed out go to the OS browser instead, where they have no access to the app.
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url, deps.externalOrigins)) {
      deps
        .openExternal(url)
        .catch((error: unknown) => log.warn({ url, err: error }, 'openExternal failed'));
    } else {
      log.warn({ url }, 'window.open blocked');
    }
    return { action: 'deny' };
  });
}
