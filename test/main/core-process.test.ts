import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCoreProcess, type CoreProcessOptions } from '../../electron/main/core-process';
import type { AppEvent } from '../../shared/contract/events';
import { createRecordingLogger, FakeUtilityProcess } from './fake-electron';

const call = { method: 'auth.me', input: {}, token: 'session-token' } as const;

function start(overrides: Partial<CoreProcessOptions> = {}) {
  const children: FakeUtilityProcess[] = [];
  const events: AppEvent[] = [];
  const fatal: string[] = [];
  const core = startCoreProcess({
    fork: () => {
      const child = new FakeUtilityProcess();
      children.push(child);
      return child;
    },
    log: createRecordingLogger(),
    onEvent: (event) => events.push(event),
    onFatal: (message) => fatal.push(message),
    ...overrides,
  });
  const current = () => {
    const child = children.at(-1);
    if (!child) throw new Error('no child');
    return child;
  };
  return { core, children, events, fatal, current };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('core process', () => {
  it('holds calls until the core is ready, then forwards them with ids', async () => {
    const { core, current } = start();
    const answer = core.call(call);
    expect(current().postMessage).not.toHaveBeenCalled();
    current().fromCore({ type: 'ready' });
    expect(current().requests()).toEqual([{ type: 'call', id: 1, ...call }]);
    current().fromCore({ type: 'result', id: 1, result: { ok: true, data: { name: 'Ann' } } });
    await expect(answer).resolves.toEqual({ ok: true, data: { name: 'Ann' } });
  });

  it('matches answers to calls by id, in any order', async () => {
    const { core, current } = start();
    current().fromCore({ type: 'ready' });
    const first = core.call(call);
    const second = core.call({ ...call, method: 'users.list' });
    const [a, b] = current().requests();
    current().fromCore({ type: 'result', id: b?.id, result: { ok: true, data: 'second' } });
    current().fromCore({ type: 'result', id: 999, result: { ok: true, data: 'nobody asked' } });
    current().fromCore({ type: 'result', id: a?.id, result: { ok: true, data: 'first' } });
    await expect(first).resolves.toEqual({ ok: true, data: 'first' });
    await expect(second).resolves.toEqual({ ok: true, data: 'second' });
  });

  it('ignores malformed messages from the core', async () => {
    const { core, current, events } = start();
    current().fromCore({ type: 'ready' });
    const answer = core.call(call);
    for (const junk of [
      null,
      'ready',
      { type: 'result', id: '1', result: {} },
      { type: 'event' },
    ]) {
      current().fromCore(junk);
    }
    current().fromCore({ type: 'result', id: 1, result: { ok: true, data: 1 } });
    await expect(answer).resolves.toEqual({ ok: true, data: 1 });
    expect(events).toEqual([]);
  });

  it('answers internal when the core does not answer in time, and ignores a late answer', async () => {
    vi.useFakeTimers();
    const { core, current } = start({ timeoutMs: 30_000 });
    current().fromCore({ type: 'ready' });
    const answer = core.call(call);
    await vi.advanceTimersByTimeAsync(29_999);
    let settled = false;
    void answer.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    current().fromCore({ type: 'result', id: 1, result: { ok: true, data: 'late' } });
  });

  it('times out calls still waiting for ready', async () => {
    vi.useFakeTimers();
    const { core, current } = start({ timeoutMs: 1000 });
    const answer = core.call(call);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    current().fromCore({ type: 'ready' });
    expect(current().postMessage).not.toHaveBeenCalled();
  });

  it('passes events on', () => {
    const { current, events } = start();
    current().fromCore({ type: 'event', event: { name: 'users.changed', at: 5 } });
    expect(events).toEqual([{ name: 'users.changed', at: 5 }]);
  });

  it('fails pending calls and restarts a core that exits unexpectedly', async () => {
    const { core, children, current } = start();
    current().fromCore({ type: 'ready' });
    const answer = core.call(call);
    current().emit('exit', 1);
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(children).toHaveLength(2);
    const retried = core.call(call);
    current().fromCore({ type: 'ready' });
    current().fromCore({ type: 'result', id: 2, result: { ok: true, data: 'after restart' } });
    await expect(retried).resolves.toEqual({ ok: true, data: 'after restart' });
  });

  it('gives up after too many exits within the window and reports it', async () => {
    let clock = 0;
    const { core, children, current, fatal } = start({
      maxRestarts: 2,
      restartWindowMs: 60_000,
      now: () => clock,
    });
    current().emit('exit', 1);
    clock += 70_000;
    current().emit('exit', 1);
    current().emit('exit', 1);
    // The first exit fell outside the window, so three exits gave only two recent restarts.
    expect(children).toHaveLength(4);
    expect(fatal).toEqual([]);
    current().emit('exit', 9);
    expect(children).toHaveLength(4);
    expect(fatal).toEqual(['The Packdesk core stopped unexpectedly (exit code 9).']);
    await expect(core.call(call)).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('reports a fatal message, stops the core and does not restart it', async () => {
    const { core, children, current, fatal } = start();
    const pendingCall = core.call(call);
    current().fromCore({ type: 'fatal', message: 'The database was created by a newer Packdesk' });
    expect(fatal).toEqual(['The database was created by a newer Packdesk']);
    expect(current().kill).toHaveBeenCalled();
    await expect(pendingCall).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(children).toHaveLength(1);
    await expect(core.call(call)).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('stop() kills the core without restarting it and answers pending calls', async () => {
    const { core, children, current } = start();
    current().fromCore({ type: 'ready' });
    const answer = core.call(call);
    core.stop();
    expect(current().kill).toHaveBeenCalledTimes(1);
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(children).toHaveLength(1);
    core.stop();
    expect(current().kill).toHaveBeenCalledTimes(1);
  });
});
