import type { BrowserWindow, IpcMain } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCoreProcess, type CoreProcess } from '../../electron/main/core-process';
import { broadcastEvent } from '../../electron/main/ipc/events';
import { registerIpcRouter } from '../../electron/main/ipc/router';
import { createSenderCheck } from '../../electron/main/ipc/sender';
import { resolveAppOrigin } from '../../electron/main/security/origin';
import { createWindowRegistry } from '../../electron/main/windows/registry';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/contract/channels';
import {
  asElectron,
  createFakeElectron,
  createRecordingLogger,
  FakeFrame,
  FakeUtilityProcess,
  FakeWebContents,
} from './fake-electron';

const pageUrl = 'app://packdesk/index.html';

/**
 * The real router, sender check, registry and core-process client, wired as index.ts wires
 * them, over a fake Electron and a fake core child that answers every call it receives.
 */
function setup(
  options: { timeoutMs?: number; coreAnswers?: boolean; core?: Pick<CoreProcess, 'call'> } = {},
) {
  const electron = createFakeElectron();
  const log = createRecordingLogger();
  const registry = createWindowRegistry();
  const origin = resolveAppOrigin({ devServerUrl: undefined, isPackaged: true });
  const child = new FakeUtilityProcess();
  if (options.coreAnswers !== false) {
    child.postMessage.mockImplementation((request: { id: number; method: string }) =>
      queueMicrotask(() =>
        child.fromCore({
          type: 'result',
          id: request.id,
          result: { ok: true, data: request.method },
        }),
      ),
    );
  }
  const coreProcess = startCoreProcess({
    fork: () => child,
    log,
    onEvent: (event) => broadcastEvent(registry.all(), event),
    onFatal: () => undefined,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  child.fromCore({ type: 'ready' });
  registerIpcRouter({
    ipcMain: asElectron<IpcMain>(electron.ipcMain),
    core: options.core ?? coreProcess,
    isTrustedSender: createSenderCheck({ origin, isOwnWebContents: registry.owns }),
    log,
  });
  const window = new electron.BrowserWindow({});
  registry.add(asElectron<BrowserWindow>(window));
  window.webContents.mainFrame.url = pageUrl;
  const invoke = (
    payload: unknown,
    sender = window.webContents,
    frame: FakeFrame | null = sender.mainFrame,
  ) => electron.ipcMain.invoke(IPC_CALL_CHANNEL, sender, frame, payload);
  return { electron, registry, child, coreProcess, window, invoke, log };
}

const good = { method: 'auth.me', input: { x: 1 }, token: 't0ken' };

afterEach(() => {
  vi.useRealTimers();
});

describe('IPC router', () => {
  it('forwards a call from our page to the core and returns its result', async () => {
    const { invoke, child } = setup();
    await expect(invoke(good)).resolves.toEqual({ ok: true, data: 'auth.me' });
    expect(child.requests()).toEqual([{ type: 'call', id: 1, ...good }]);
  });

  it('forwards only the envelope fields, and a null token', async () => {
    const { invoke, child } = setup();
    await invoke({ method: 'setup.status', input: undefined, token: null, extra: 'ignored' });
    expect(child.requests()).toEqual([
      { type: 'call', id: 1, method: 'setup.status', input: undefined, token: null },
    ]);
  });

  it('rejects a frame showing another URL', async () => {
    const { invoke, window, child } = setup();
    for (const url of [
      'https://evil.example/',
      'app://evil.example/index.html',
      'file:///app/out/renderer/index.html',
    ]) {
      window.webContents.mainFrame.url = url;
      await expect(invoke(good), url).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(child.postMessage).not.toHaveBeenCalled();
  });

  it('rejects a subframe even when it shows our page', async () => {
    const { invoke, window, child } = setup();
    const subframe = new FakeFrame(pageUrl, window.webContents.mainFrame);
    await expect(invoke(good, window.webContents, subframe)).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(child.postMessage).not.toHaveBeenCalled();
  });

  it('rejects a webContents we did not create, and a missing frame', async () => {
    const { invoke, window } = setup();
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = pageUrl;
    await expect(invoke(good, stranger)).resolves.toMatchObject({ error: { code: 'forbidden' } });
    await expect(invoke(good, window.webContents, null)).resolves.toMatchObject({
      error: { code: 'forbidden' },
    });
  });

  it('rejects calls from a closed window', async () => {
    const { invoke, window } = setup();
    window.close();
    await expect(invoke(good)).resolves.toMatchObject({ error: { code: 'forbidden' } });
  });

  it('answers not_found for a method outside the contract', async () => {
    const { invoke, child } = setup();
    for (const method of ['db.exec', 'constructor', '__proto__', '']) {
      await expect(invoke({ ...good, method })).resolves.toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    }
    expect(child.postMessage).not.toHaveBeenCalled();
  });

  it('answers invalid_input for a malformed envelope, without throwing', async () => {
    const { invoke, child } = setup();
    const bad = [
      null,
      undefined,
      'auth.me',
      [good.method, good.input, good.token],
      { input: {}, token: null },
      { method: 42, input: {}, token: null },
      { method: 'auth.me', input: {} },
      { method: 'auth.me', input: {}, token: 7 },
      { method: 'auth.me', input: {}, token: { value: 'x' } },
    ];
    for (const payload of bad) {
      await expect(invoke(payload)).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(child.postMessage).not.toHaveBeenCalled();
  });

  it('answers internal when the core does not answer in time', async () => {
    vi.useFakeTimers();
    const { invoke } = setup({ coreAnswers: false, timeoutMs: 30_000 });
    const answer = invoke(good);
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('answers internal when the core is not running', async () => {
    const { invoke, coreProcess } = setup();
    coreProcess.stop();
    await expect(invoke(good)).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('answers internal when forwarding throws', async () => {
    const { invoke } = setup({
      core: { call: () => Promise.reject(new Error('boom')) },
    });
    await expect(invoke(good)).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'The call could not be forwarded' },
    });
  });

  it('never logs the call input or token', async () => {
    const { invoke, window, log } = setup();
    await invoke({ method: 'auth.login', input: { password: 'hunter2' }, token: 'secret-token' });
    window.webContents.mainFrame.url = 'https://evil.example/';
    await invoke({ method: 'auth.login', input: { password: 'hunter2' }, token: 'secret-token' });
    const logged = JSON.stringify(log.lines);
    expect(logged).not.toContain('hunter2');
    expect(logged).not.toContain('secret-token');
  });
});

describe('core events', () => {
  it('go to every open window we created, on the event channel', () => {
    const { electron, registry, child, window } = setup();
    const second = new electron.BrowserWindow({});
    registry.add(asElectron<BrowserWindow>(second));
    const closed = new electron.BrowserWindow({});
    registry.add(asElectron<BrowserWindow>(closed));
    closed.close();
    const stranger = new electron.BrowserWindow({});

    child.fromCore({ type: 'event', event: { name: 'users.changed', at: 1 } });

    expect(window.webContents.send.mock.calls).toEqual([
      [IPC_EVENT_CHANNEL, { name: 'users.changed', at: 1 }],
    ]);
    expect(second.webContents.send).toHaveBeenCalledTimes(1);
    expect(closed.webContents.send).not.toHaveBeenCalled();
    expect(stranger.webContents.send).not.toHaveBeenCalled();
  });
});
