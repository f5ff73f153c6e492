// Main-process entry: wires Electron to the pieces in this folder. It holds no business logic;
// everything the app does happens in the core utility process.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreInit } from '../../shared/contract/core-protocol';
import { startCoreProcess, type CoreProcess } from './core-process';
import { broadcastEvent } from './ipc/events';
import { registerIpcRouter } from './ipc/router';
import { createSenderCheck } from './ipc/sender';
import { createMainLogger, logCrashes } from './logging';
import { registerAppScheme } from './protocol/app-scheme';
import { serveAppScheme } from './protocol/file-handler';
import { loadSecretKey } from './secret-key';
import { resolveAppOrigin } from './security/origin';
import { installSecurityPolicy } from './security/policy';
import { startUpdater } from './updater';
import { createMainWindow } from './windows/main-window';
import { createWindowRegistry } from './windows/registry';

const log = createMainLogger(app.getPath('logs'));
logCrashes(log, process);

// A second copy would open the same SQLite file and fight over scanners and printers.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run();
}

function run(): void {
  const windows = createWindowRegistry();
  const origin = resolveAppOrigin({
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    isPackaged: app.isPackaged,
  });
  // Scheme privileges are fixed before 'ready'; the dev server needs none.
  if (!origin.isDevServer) registerAppScheme(protocol);
  let core: CoreProcess | null = null;

  function openMainWindow(): void {
    windows.add(
      createMainWindow({
        BrowserWindow,
        origin,
        preloadPath: join(__dirname, '../preload/index.js'),
        isPackaged: app.isPackaged,
        log: log.child({ scope: 'window' }),
      }),
    );
  }

  app.on('second-instance', () => {
    if (!windows.focusFirst() && app.isReady()) openMainWindow();
  });
  // macOS keeps an app without windows running until Cmd+Q; 'activate' then reopens it.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && windows.all().length === 0) openMainWindow();
  });
  app.on('will-quit', () => core?.stop());

  void app.whenReady().then(() => {
    installSecurityPolicy({
      app,
      session: session.defaultSession,
      origin,
      openExternal: (url) => shell.openExternal(url),
      externalOrigins: [],
      log: log.child({ scope: 'security' }),
    });
    if (!origin.isDevServer) {
      serveAppScheme(protocol, {
        rendererDir: join(__dirname, '../renderer'),
        log: log.child({ scope: 'app-scheme' }),
      });
    }
    const dataDir = join(app.getPath('userData'), 'data');
    mkdirSync(dataDir, { recursive: true });
    const secretKey = loadSecretKey({
      path: join(app.getPath('userData'), 'secret.key.enc'),
      safeStorage,
      log,
    });
    core = startCoreProcess({
      fork: () => {
        // One logs folder for both processes, so a support request needs one zip.
        const child = utilityProcess.fork(
          join(__dirname, 'core.js'),
          ['--data', dataDir, '--logs', app.getPath('logs')],
          { serviceName: 'Packdesk core' },
        );
        child.postMessage({
          type: 'init',
          secretKey: secretKey.toString('base64'),
        } satisfies CoreInit);
        return child;
      },
      log: log.child({ scope: 'core-process' }),
      onEvent: (event) => broadcastEvent(windows.all(), event),
      onFatal: (message) => {
        dialog.showErrorBox('Packdesk cannot continue', message);
        app.quit();
      },
    });
    registerIpcRouter({
      ipcMain,
      core,
      isTrustedSender: createSenderCheck({ origin, isOwnWebContents: windows.owns }),
      log: log.child({ scope: 'ipc' }),
    });
    openMainWindow();
    void startUpdater({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      fileExists: existsSync,
      loadUpdater: async () => (await import('./auto-updater')).autoUpdater,
      log: log.child({ scope: 'updater' }),
    });
  });
}
