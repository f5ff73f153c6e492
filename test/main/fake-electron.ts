// A small stand-in for the parts of Electron main uses; the real binary cannot run in tests.
// Objects are handed to the code under test with `asElectron`, which is the only cast.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { vi, type Mock } from 'vitest';
import type { Logger } from '../../shared/lib/logger';

export function asElectron<T>(fake: unknown): T {
  return fake as T;
}

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

/** A `will-navigate`-style event object that records whether it was cancelled. */
export function fakeEvent(url = ''): { url: string; prevented: boolean; preventDefault(): void } {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('about:blank');
  readonly send = vi.fn();
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits a navigation event as Electron does; true when a listener cancelled it. */
  attempt(eventName: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    const event = fakeEvent(url);
    this.emit(eventName, event);
    return event.prevented;
  }
  /** What `window.open(url)` in the page would get back from main. */
  open(url: string): { action: string } | undefined {
    return this.windowOpenHandler?.({ url });
  }
}

export class FakeUtilityProcess extends EventEmitter {
  readonly postMessage = vi.fn();
  readonly kill = vi.fn(() => {
    // Electron reports the exit asynchronously, after kill() has returned.
    queueMicrotask(() => this.emit('exit', 0));
    return true;
  });
  constructor(
    readonly modulePath = '',
    readonly args: string[] = [],
    readonly options: Record<string, unknown> = {},
  ) {
    super();
  }
  /** A message from the core, as main's 'message' listener receives it. */
  fromCore(message: unknown): void {
    this.emit('message', message);
  }
  /** Requests main has sent, in order. */
  requests(): Array<{ type: string; id: number; method: string; input: unknown; token: unknown }> {
    return this.postMessage.mock.calls.map(([request]) => request);
  }
}

export class FakeSession {
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  headersReceived:
    | ((
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void)
    | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersReceived']) => {
      this.headersReceived = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
  /** Runs a response through the installed header hook and returns the headers it produced. */
  respond(url: string, responseHeaders?: Record<string, string[]>): Record<string, string[]> {
    let produced: Record<string, string[]> = {};
    this.headersReceived?.(
      responseHeaders ? { url, responseHeaders } : { url },
      (response) => (produced = response.responseHeaders ?? {}),
    );
    return produced;
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    // Electron refuses a second handler for the same channel.
    if (this.handlers.has(channel)) throw new Error(`handler for ${channel} already registered`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke(channel, payload)` from `frame` in `sender` would resolve with. */
  async invoke(
    channel: string,
    sender: FakeWebContents,
    frame: FakeFrame | null,
    payload: unknown,
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ sender, senderFrame: frame }, payload);
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  lockAcquired = true;
  private ready = false;
  private resolveReady!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));
  readonly quit = vi.fn(() => {
    this.emit('will-quit', fakeEvent());
  });
  readonly requestSingleInstanceLock = vi.fn(() => this.lockAcquired);

  constructor(private readonly paths: Record<string, string> = {}) {
    super();
  }
  getPath(name: string): string {
    const path = this.paths[name];
    if (path === undefined) throw new Error(`no fake path for ${name}`);
    return path;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return this.ready;
  }
  /** Fires 'ready' and lets the `whenReady()` continuations run. */
  async becomeReady(): Promise<void> {
    this.ready = true;
    this.resolveReady();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * `protocol`: privileges are only accepted before 'ready' and handlers only after, as in
 * Electron; `fetch` hands the handler the `Request` Electron would build for a page's request.
 */
export class FakeProtocol {
  readonly privilegedCalls: unknown[][] = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  constructor(private readonly app: FakeApp) {}
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    if (this.app.isReady()) throw new Error('registerSchemesAsPrivileged after ready');
    this.privilegedCalls.push(schemes);
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (!this.app.isReady()) throw new Error('protocol.handle before ready');
    if (this.handlers.has(scheme)) throw new Error(`${scheme} is already handled`);
    this.handlers.set(scheme, handler);
  }
  async fetch(url: string): Promise<Response> {
    const request = new Request(url);
    const handler = this.handlers.get(new URL(request.url).protocol.slice(0, -1));
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
    return handler(request);
  }
}

export interface FakeElectron {
  app: FakeApp;
  protocol: FakeProtocol;
  BrowserWindow: new (options: Record<string, unknown>) => FakeBrowserWindowInstance;
  windows: FakeBrowserWindowInstance[];
  ipcMain: FakeIpcMain;
  session: { defaultSession: FakeSession };
  utilityProcess: {
    fork(modulePath: string, args?: string[], options?: object): FakeUtilityProcess;
  };
  children: FakeUtilityProcess[];
  shell: { openExternal: Mock<(url: string) => Promise<void>> };
  dialog: { showErrorBox: Mock<(title: string, content: string) => void> };
  /** A keychain stand-in: "encrypts" by prefixing, so tests can tell sealed from plain. */
  safeStorage: {
    available: boolean;
    isEncryptionAvailable(): boolean;
    encryptString(text: string): Buffer;
    decryptString(data: Buffer): string;
  };
}

export interface FakeBrowserWindowInstance extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents: FakeWebContents;
  minimized: boolean;
  readonly show: ReturnType<typeof vi.fn>;
  readonly focus: ReturnType<typeof vi.fn>;
  readonly restore: ReturnType<typeof vi.fn>;
  readonly loadURL: ReturnType<typeof vi.fn>;
  readonly loadFile: ReturnType<typeof vi.fn>;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  close(): void;
}

/** A fresh fake `electron` module; windows announce their webContents on `app` like Electron. */
export function createFakeElectron(paths: Record<string, string> = {}): FakeElectron {
  const app = new FakeApp(paths);
  const windows: FakeBrowserWindowInstance[] = [];
  const children: FakeUtilityProcess[] = [];

  class BrowserWindow extends EventEmitter implements FakeBrowserWindowInstance {
    readonly webContents = new FakeWebContents();
    minimized = false;
    private destroyed = false;
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn(() => {
      this.minimized = false;
    });
    readonly loadURL = vi.fn(async (url: string) => {
      this.webContents.mainFrame.url = url;
    });
    readonly loadFile = vi.fn(async (path: string) => {
      this.webContents.mainFrame.url = pathToFileURL(path).href;
    });
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    close(): void {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
      if (windows.every((window) => window.isDestroyed())) app.emit('window-all-closed');
    }
  }

  return {
    app,
    protocol: new FakeProtocol(app),
    BrowserWindow,
    windows,
    ipcMain: new FakeIpcMain(),
    session: { defaultSession: new FakeSession() },
    utilityProcess: {
      fork(modulePath, args = [], options = {}) {
        const child = new FakeUtilityProcess(modulePath, args, options as Record<string, unknown>);
        children.push(child);
        return child;
      },
    },
    children,
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    dialog: { showErrorBox: vi.fn((_title: string, _content: string) => undefined) },
    safeStorage: {
      available: true,
      isEncryptionAvailable() {
        return this.available;
      },
      encryptString: (text) => Buffer.from(`keychain:${text}`),
      decryptString: (data) => data.toString().replace(/^keychain:/, ''),
    },
  };
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: object;
  message: string | undefined;
}

/** A Logger that keeps its lines for assertions; children share the parent's list. */
export function createRecordingLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const record =
    (level: LogLine['level']) =>
    (fields: object, message?: string): void => {
      lines.push({ level, fields, message });
    };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    child: () => createRecordingLogger(lines),
  };
}
