import type { CustomScheme, Protocol } from 'electron';

/**
 * The app's own page is served from `app://packdesk/`, not from `file://`: a file: page shares
 * the opaque origin "null" with every other file on the disk and needs Electron's extra file
 * privileges (the `grantFileProtocolExtraPrivileges` fuse) to run its module scripts.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'packdesk';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Only what the page needs; everything else stays at Electron's default (off).
 * - `standard`: a real origin (`app://packdesk`) so relative `./assets/…` URLs resolve, CSP
 *   `'self'` means this origin, and `localStorage` (device and scanner preferences) works.
 * - `secure`: the page stays a secure context, as it was on file://, so the Ozon CDN's https
 *   images and loopback images are not mixed content.
 * - `stream`: `protocol.handle` answers with a stream, and `<audio>` (the verdict sounds in
 *   `assets/*.wav`) expects a buffered body unless the scheme is marked as streaming.
 * Not granted: `supportFetchAPI` and `corsEnabled` (the page reaches the core over IPC and never
 * fetches its own files), `bypassCSP`, `allowServiceWorkers`, `codeCache`, `allowExtensions`.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, stream: true },
};

/** Must run before `app` is ready; Electron honours only one call, so it lists every scheme. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** True for any URL of the app's own origin: `app://packdesk`, no port, no credentials. */
export function isAppSchemeUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
