import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { resolveAppOrigin } from '../../electron/main/security/origin';
import { createMainWindow } from '../../electron/main/windows/main-window';
import { createWindowRegistry } from '../../electron/main/windows/registry';
import {
  asElectron,
  createFakeElectron,
  createRecordingLogger,
  FakeWebContents,
  type FakeBrowserWindowInstance,
} from './fake-electron';

function open(options: { isPackaged: boolean; devServerUrl?: string }) {
  const electron = createFakeElectron();
  const window = createMainWindow({
    BrowserWindow: asElectron<new (o: BrowserWindowConstructorOptions) => BrowserWindow>(
      electron.BrowserWindow,
    ),
    origin: resolveAppOrigin({
      devServerUrl: options.devServerUrl,
      isPackaged: options.isPackaged,
    }),
    preloadPath: '/app/out/preload/index.js',
    isPackaged: options.isPackaged,
    log: createRecordingLogger(),
  });
  const fake = electron.windows[0];
  if (!fake || asElectron<FakeBrowserWindowInstance>(window) !== fake) throw new Error('no window');
  return fake;
}

describe('main window', () => {
  it('is isolated, sandboxed and without Node, with our preload', () => {
    const window = open({ isPackaged: true });
    const prefs = window.options['webPreferences'];
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      devTools: false,
    });
  });

  it('allows DevTools only when not packaged', () => {
    expect(open({ isPackaged: false }).options['webPreferences']).toMatchObject({ devTools: true });
  });

  it('loads the built page from app:// when packaged, even if a dev URL is set', () => {
    const window = open({ isPackaged: true, devServerUrl: 'http://localhost:5173/' });
    expect(window.loadURL.mock.calls).toEqual([['app://packdesk/index.html']]);
    expect(window.loadFile).not.toHaveBeenCalled();
  });

  it('loads the dev server in development', () => {
    const window = open({ isPackaged: false, devServerUrl: 'http://localhost:5173/' });
    expect(window.loadURL.mock.calls).toEqual([['http://localhost:5173/']]);
    expect(window.loadFile).not.toHaveBeenCalled();
  });

  it('stays hidden until ready-to-show', () => {
    const window = open({ isPackaged: true });
    expect(window.options['show']).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });
});

describe('window registry', () => {
  function registryWith(count: number) {
    const electron = createFakeElectron();
    const registry = createWindowRegistry();
    const windows = Array.from({ length: count }, () => new electron.BrowserWindow({}));
    for (const window of windows) registry.add(asElectron<BrowserWindow>(window));
    return { registry, windows };
  }

  it('owns only the webContents of its open windows', () => {
    const { registry, windows } = registryWith(2);
    const [first, second] = windows;
    if (!first || !second) throw new Error('setup');
    expect(registry.owns(asElectron<WebContents>(first.webContents))).toBe(true);
    expect(registry.owns(asElectron<WebContents>(new FakeWebContents()))).toBe(false);
    first.close();
    expect(registry.owns(asElectron<WebContents>(first.webContents))).toBe(false);
    expect(registry.all()).toEqual([second]);
  });

  it('restores and focuses the first window, or reports there is none', () => {
    const { registry, windows } = registryWith(1);
    const [window] = windows;
    if (!window) throw new Error('setup');
    window.minimized = true;
    expect(registry.focusFirst()).toBe(true);
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    window.close();
    expect(registry.focusFirst()).toBe(false);
  });
});
