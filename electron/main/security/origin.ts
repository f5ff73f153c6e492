import { APP_PAGE_URL, isAppSchemeUrl } from '../protocol/app-scheme';

/** Where the app's own page comes from, and the test for "is this URL our page". */
export interface AppOrigin {
  /** The URL the main window loads. */
  readonly pageUrl: string;
  /** True for the app's own origin (any path, hash or query), false for anything else. */
  isAppUrl(url: string): boolean;
  /** True when the page is served by the dev server rather than from the `app://` scheme. */
  readonly isDevServer: boolean;
}

export interface AppOriginOptions {
  /** `ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  devServerUrl: string | undefined;
  isPackaged: boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * A packaged app ignores the dev-server variable: otherwise anyone who can set an environment
 * variable could point the window, and with it the preload bridge, at a page of their choosing.
 */
export function resolveAppOrigin(options: AppOriginOptions): AppOrigin {
  const devServer = options.isPackaged ? null : parse(options.devServerUrl ?? '');
  if (devServer && (devServer.protocol === 'http:' || devServer.protocol === 'https:')) {
    const origin = devServer.origin;
    return {
      pageUrl: devServer.href,
      isDevServer: true,
      isAppUrl: (url) => parse(url)?.origin === origin,
    };
  }
  return { pageUrl: APP_PAGE_URL, isDevServer: false, isAppUrl: isAppSchemeUrl };
}
