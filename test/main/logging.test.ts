import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMainLogger, logCrashes } from '../../electron/main/logging';
import { createRecordingLogger } from './fake-electron';

async function waitForContent(path: string, needle: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (text.includes(needle)) return text;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${needle} never reached ${path}`);
}

describe('main logger', () => {
  it.skipIf(process.platform === 'win32')(
    'tightens an existing logs folder to owner-only, not only one it creates',
    () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'packdesk-main-log-')), 'logs');
      mkdirSync(dir, { mode: 0o755 });
      createMainLogger(dir);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    },
  );

  it('writes JSON lines to main.log in the given folder with secrets redacted', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'packdesk-main-log-')), 'logs');
    const log = createMainLogger(dir);
    log.child({ scope: 'ipc' }).info(
      {
        token: 'abc123',
        input: { password: 'hunter2', note: 'visible' },
        deep: { a: { pin: '1234' } },
      },
      'marker line',
    );
    const text = await waitForContent(join(dir, 'main.log'), 'marker line');
    const line = JSON.parse(text.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      name: 'main',
      scope: 'ipc',
      msg: 'marker line',
      token: '[redacted]',
      input: { password: '[redacted]', note: 'visible' },
      deep: { a: { pin: '[redacted]' } },
    });
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('abc123');
  });
});

describe('crash logging', () => {
  it('logs uncaught exceptions and unhandled rejections', () => {
    const log = createRecordingLogger();
    const target = new EventEmitter();
    logCrashes(log, target as unknown as NodeJS.Process);
    const error = new Error('kaboom');
    target.emit('uncaughtExceptionMonitor', error, 'uncaughtException');
    target.emit('unhandledRejection', 'plain reason');
    expect(log.lines).toEqual([
      {
        level: 'error',
        fields: { err: error, origin: 'uncaughtException' },
        message: 'uncaught exception in main',
      },
      {
        level: 'error',
        fields: { err: 'plain reason' },
        message: 'unhandled promise rejection in main',
      },
    ]);
  });
});
