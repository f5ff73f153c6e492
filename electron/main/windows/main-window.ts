import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../../../shared/lib/logger';
import type { AppOrigin } from '../security/origin';

export interface MainWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  origin: AppOrigin;
  /** Absolute path of the built preload, `out/preload/index.js`. */
  preloadPath: string;
  isPackaged: boolean;
  log: Logger;
}

export function mainWindowOptions(
  preloadPath: string,
  isPackaged: boolean,
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'Packdesk',
    // Shown on ready-to-show so the user never sees an unpainted white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !isPackaged,
    },
  };
}

/** Creates the main window and starts loading the app page; the caller registers it. */
export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const window = new deps.BrowserWindow(mainWindowOptions(deps.preloadPath, deps.isPackaged));
  window.once('ready-to-show', () => window.show());
  window
    .loadURL(deps.origin.pageUrl)
    .catch((error: unknown) => deps.log.error({ err: error }, 'main window failed to load'));
  return window;
}
