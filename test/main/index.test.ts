import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/contract/channels';
import { createFakeElectron, createRecordingLogger, type FakeElectron } from './fake-electron';

// index.ts wires the real modules to `electron`; only Electron itself (and the log file sink,
// tested on its own) is replaced.
// The mock factory's result is cached across `vi.resetModules()`, so it reads the current fake
// through getters.
const state = vi.hoisted(() => ({
  electron: {} as Record<string, unknown>,
  log: undefined as unknown,
}));
vi.mock('electron', () => {
  const module = {};
  for (const name of [
    'app',
    'BrowserWindow',
    'dialog',
    'ipcMain',
    'protocol',
    'session',
    'shell',
    'utilityProcess',
    'safeStorage',
  ]) {
    Object.defineProperty(module, name, { enumerable: true, get: () => state.electron[name] });
  }
  return module;
});
vi.mock('../../electron/main/logging', () => ({
  createMainLogger: () => state.log,
  logCrashes: () => undefined,
}));

const mainDir = join(__dirname, '../../electron/main');
// A real folder: main creates the data folder and the sealed secret key file in it.
const userData = mkdtempSync(join(tmpdir(), 'packdesk-userdata-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));
let electron: FakeElectron;

async function boot(options: { lock?: boolean; isPackaged?: boolean } = {}): Promise<void> {
  electron = createFakeElectron({ logs: '/tmp/packdesk-test-logs', userData });
  electron.app.lockAcquired = options.lock ?? true;
  electron.app.isPackaged = options.isPackaged ?? false;
  state.electron = electron as unknown as Record<string, unknown>;
  state.log = createRecordingLogger();
  vi.resetModules();
  await import('../../electron/main/index');
}

function onlyWindow() {
  expect(electron.windows).toHaveLength(1);
  const [window] = electron.windows;
  if (!window) throw new Error('no window');
  return window;
}

function onlyCore() {
  expect(electron.children).toHaveLength(1);
  const [child] = electron.children;
  if (!child) throw new Error('no core');
  return child;
}

const resourcesPath = Object.getOwnPropertyDescriptor(process, 'resourcesPath');

beforeEach(() => {
  delete process.env['ELECTRON_RENDERER_URL'];
  // Electron defines this; a packaged boot reads it to look for the update feed (absent here).
  Object.defineProperty(process, 'resourcesPath', {
    value: '/nonexistent/resources',
    configurable: true,
  });
});

afterEach(() => {
  delete process.env['ELECTRON_RENDERER_URL'];
  if (resourcesPath) Object.defineProperty(process, 'resourcesPath', resourcesPath);
  else delete (process as { resourcesPath?: string }).resourcesPath;
});

describe('main process entry', () => {
  it('quits at once when another instance holds the lock', async () => {
    await boot({ lock: false });
    expect(electron.app.quit).toHaveBeenCalled();
    await electron.app.becomeReady();
    expect(electron.windows).toHaveLength(0);
    expect(electron.children).toHaveLength(0);
  });

  it('does nothing before ready, then installs the policy, forks the core and opens the window', async () => {
    await boot();
    expect(electron.windows).toHaveLength(0);
    expect(electron.children).toHaveLength(0);
    // Scheme privileges only count before ready (the fake throws after it, as Electron does).
    expect(electron.protocol.privilegedCalls).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true, stream: true } }],
    ]);
    expect(electron.protocol.handlers.size).toBe(0);
    await electron.app.becomeReady();

    const session = electron.session.defaultSession;
    expect(session.permissionRequestHandler).not.toBeNull();
    expect(session.headersReceived).not.toBeNull();

    const core = onlyCore();
    expect(core.modulePath).toBe(join(mainDir, 'core.js'));
    expect(core.args).toEqual(['--data', join(userData, 'data'), '--logs', expect.any(String)]);
    expect(core.options).toEqual({ serviceName: 'Packdesk core' });

    const window = onlyWindow();
    expect(window.options['webPreferences']).toMatchObject({
      preload: join(mainDir, '../preload/index.js'),
      sandbox: true,
      contextIsolation: true,
    });
    expect(window.loadURL.mock.calls).toEqual([['app://packdesk/index.html']]);
    expect(window.loadFile).not.toHaveBeenCalled();
    // The handler answers from `out/renderer` beside the bundle (absent in tests), for our host only.
    expect((await electron.protocol.fetch('app://packdesk/index.html')).status).toBe(404);
    expect((await electron.protocol.fetch('app://evil.example/index.html')).status).toBe(403);
    // The policy reached the window's webContents through 'web-contents-created'.
    expect(window.webContents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(window.webContents.open('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('loads the dev server when not packaged, and ignores it when packaged', async () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    await boot({ isPackaged: false });
    await electron.app.becomeReady();
    expect(onlyWindow().loadURL.mock.calls).toEqual([['http://localhost:5173/']]);
    expect(electron.protocol.privilegedCalls).toEqual([]);
    expect(electron.protocol.handlers.size).toBe(0);
    expect(onlyWindow().webContents.attempt('will-navigate', 'http://localhost:5173/#/x')).toBe(
      false,
    );

    await boot({ isPackaged: true });
    await electron.app.becomeReady();
    expect(onlyWindow().loadURL.mock.calls).toEqual([['app://packdesk/index.html']]);
    expect(onlyWindow().loadFile).not.toHaveBeenCalled();
    expect(electron.protocol.handlers.has('app')).toBe(true);
  });

  it('routes a call from the window page to the core and events back to the window', async () => {
    await boot();
    await electron.app.becomeReady();
    const window = onlyWindow();
    const core = onlyCore();
    core.fromCore({ type: 'ready' });
    expect(window.webContents.mainFrame.url).toBe('app://packdesk/index.html');

    const answer = electron.ipcMain.invoke(
      IPC_CALL_CHANNEL,
      window.webContents,
      window.webContents.mainFrame,
      {
        method: 'setup.status',
        input: {},
        token: null,
      },
    );
    // The first message hands the core its secret key; then the call follows.
    const [init, request] = core.requests() as unknown as [
      { type: string; secretKey: string },
      { id: number },
    ];
    expect(init.type).toBe('init');
    expect(Buffer.from(init.secretKey, 'base64')).toHaveLength(32);
    expect(request).toMatchObject({ type: 'call', method: 'setup.status', token: null });
    core.fromCore({
      type: 'result',
      id: request?.id,
      result: { ok: true, data: { isSetUp: false } },
    });
    await expect(answer).resolves.toEqual({ ok: true, data: { isSetUp: false } });

    core.fromCore({ type: 'event', event: { name: 'shop.changed', at: 3 } });
    expect(window.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, {
      name: 'shop.changed',
      at: 3,
    });
  });

  it('focuses the existing window when a second instance starts', async () => {
    await boot();
    await electron.app.becomeReady();
    const window = onlyWindow();
    window.minimized = true;
    electron.app.emit('second-instance', {}, [], '/');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(1);
  });

  it('shows the core fatal message and quits, stopping the core', async () => {
    await boot();
    await electron.app.becomeReady();
    const core = onlyCore();
    core.fromCore({
      type: 'fatal',
      message: 'This database was written by a newer Packdesk (v7).',
    });
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Packdesk cannot continue',
      'This database was written by a newer Packdesk (v7).',
    );
    expect(electron.app.quit).toHaveBeenCalled();
    expect(core.kill).toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(electron.children).toHaveLength(1);
  });

  it('quits and kills the core when the last window closes (not on macOS)', async () => {
    await boot();
    await electron.app.becomeReady();
    const core = onlyCore();
    onlyWindow().close();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(core.kill).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(electron.children).toHaveLength(1);
  });

  it('keeps running on macOS when the last window closes and reopens on activate', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    try {
      await boot();
      await electron.app.becomeReady();
      const core = onlyCore();
      onlyWindow().close();
      expect(electron.app.quit).not.toHaveBeenCalled();
      expect(core.kill).not.toHaveBeenCalled();
      electron.app.emit('activate');
      expect(electron.windows).toHaveLength(2);
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
  });
});
