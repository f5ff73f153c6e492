import { join } from 'node:path';
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import { startUpdater, UPDATE_CHECK_INTERVAL_MS, type Updater } from '../../electron/main/updater';
import { createRecordingLogger } from './fake-electron';

function fakeUpdater(check: () => Promise<unknown> = async () => null) {
  const listeners: Array<(error: Error) => void> = [];
  const updater: Updater & { listeners: typeof listeners; check: Mock<() => Promise<unknown>> } = {
    logger: null,
    listeners,
    check: vi.fn(check),
    on(_event, listener) {
      listeners.push(listener);
      return this;
    },
    checkForUpdatesAndNotify() {
      return this.check();
    },
  };
  return updater;
}

function deps(options: { isPackaged: boolean; configured: boolean; updater?: Updater }) {
  const log = createRecordingLogger();
  const updater = options.updater ?? fakeUpdater();
  const loadUpdater = vi.fn(async () => updater);
  const fileExists = vi.fn(
    (path: string) => options.configured && path === join('/res', 'app-update.yml'),
  );
  return {
    log,
    updater,
    loadUpdater,
    fileExists,
    isPackaged: options.isPackaged,
    resourcesPath: '/res',
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('updater', () => {
  it('does nothing in an unpackaged app', async () => {
    const d = deps({ isPackaged: false, configured: true });
    await expect(startUpdater(d)).resolves.toBeNull();
    expect(d.loadUpdater).not.toHaveBeenCalled();
  });

  it('does nothing when packaging configured no update feed', async () => {
    const d = deps({ isPackaged: true, configured: false });
    await expect(startUpdater(d)).resolves.toBeNull();
    expect(d.fileExists).toHaveBeenCalledWith(join('/res', 'app-update.yml'));
    expect(d.loadUpdater).not.toHaveBeenCalled();
  });

  it('checks on start and every 6 hours until stopped', async () => {
    vi.useFakeTimers();
    const updater = fakeUpdater();
    const d = deps({ isPackaged: true, configured: true, updater });
    const stop = await startUpdater(d);
    expect(stop).toBeTypeOf('function');
    expect(updater.check).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(updater.check).toHaveBeenCalledTimes(2);
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(6 * 60 * 60 * 1000);
    stop?.();
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS * 2);
    expect(updater.check).toHaveBeenCalledTimes(2);
  });

  it('logs and swallows failed checks and error events (offline)', async () => {
    vi.useFakeTimers();
    const updater = fakeUpdater(() => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')));
    const d = deps({ isPackaged: true, configured: true, updater });
    const stop = await startUpdater(d);
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(updater.check).toHaveBeenCalledTimes(2);
    for (const listener of updater.listeners) listener(new Error('feed unreachable'));
    const warnings = d.log.lines
      .filter((line) => line.level === 'warn')
      .map((line) => line.message);
    expect(warnings).toEqual(['update check failed', 'update check failed', 'update failed']);
    stop?.();
  });

  it('routes the updater library log into ours', async () => {
    const updater = fakeUpdater();
    const d = deps({ isPackaged: true, configured: true, updater });
    const stop = await startUpdater(d);
    updater.logger?.info('Checking for update');
    expect(d.log.lines).toContainEqual({
      level: 'info',
      fields: { updater: 'Checking for update' },
      message: undefined,
    });
    stop?.();
  });

  it('logs and gives up when electron-updater cannot be loaded', async () => {
    const d = deps({ isPackaged: true, configured: true });
    d.loadUpdater.mockRejectedValueOnce(new Error('missing module'));
    await expect(startUpdater(d)).resolves.toBeNull();
    expect(d.log.lines.map((line) => line.message)).toContain('could not start the updater');
  });

  it('logs and gives up when the feed file cannot be checked', async () => {
    const d = deps({ isPackaged: true, configured: true });
    d.fileExists.mockImplementationOnce(() => {
      throw new Error('EACCES');
    });
    await expect(startUpdater(d)).resolves.toBeNull();
    expect(d.loadUpdater).not.toHaveBeenCalled();
    expect(d.log.lines.map((line) => line.message)).toContain('could not start the updater');
  });
});
