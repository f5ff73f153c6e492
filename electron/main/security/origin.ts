import { pathToFileURL } from 'node:url';

/** Where the app's own page comes from, and the test for "is this URL our page". */
export interface AppOrigin {
  readonly entry: { kind: 'url'; url: string } | { kind: 'file'; path: string };
  /** True for the renderer page itself (any hash or query), false for anything else. */
  isAppUrl(url: string): boolean;
  /** True when the page is served by the dev server rather than from disk. */
  readonly isDevServer: boolean;
}

export interface AppOriginOptions {
  /** `ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  devServerUrl: string | undefined;
  isPackaged: boolean;
  /** Absolute path of the built `out/renderer/index.html`. */
  rendererFile: string;
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
      entry: { kind: 'url', url: devServer.href },
      isDevServer: true,
      isAppUrl: (url) => parse(url)?.origin === origin,
    };
  }
  // file: URLs all share the opaque origin "null", so the page is recognised by its exact path.
  const page = pathToFileURL(options.rendererFile);
  return {
    entry: { kind: 'file', path: options.rendererFile },
    isDevServer: false,
    isAppUrl: (url) => {
      const candidate = parse(url);
      return (
        candidate !== null &&
        candidate.protocol === 'file:' &&
        candidate.host === page.host &&
        candidate.pathname === page.pathname
      );
    },
  };
}
