import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERRUPTED } from '../../electron/core/devices/printer/queue.repo';
import { inkDots } from '../../electron/core/devices/printer/raster';
import { sendBytes, DEFAULT_TIMEOUTS } from '../../electron/core/devices/printer/transport';
import { createCoreFixture } from '../support/core-fixture';
import { startCapturePrinter, type CapturePrinter } from '../peers/capture-printer';
import { readEscPos } from '../peers/escpos-reader';
import { readZpl } from '../peers/zpl-reader';
import {
  createPrintingFixture,
  seedPostings,
  waitFor,
  wrap,
  type PrintingFixture,
} from './printing-fixture';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(
  postings = 1,
): Promise<{ pf: PrintingFixture; peer: CapturePrinter; numbers: string[] }> {
  const pf = await createPrintingFixture();
  cleanups.push(() => pf.fx.dispose());
  const peer = await startCapturePrinter();
  cleanups.push(() => peer.close());
  const numbers = Array.from({ length: postings }, (_, i) => `1000000${i}-0001-1`);
  await seedPostings(
    pf.fx,
    numbers.map((postingNumber, i) => ({
      postingNumber,
      items: [{ name: `Кружка №${i}`, offerId: `MUG-${i}`, quantity: i + 1 }],
      addressee: 'Иван Петров',
    })),
  );
  return { pf, peer, numbers };
}

const settled = (job: { state: string }) => job.state === 'printed' || job.state === 'failed';

describe('print queue against a capture printer', () => {
  it('prints an ESC/POS label: every byte arrives, the printer says ready, the job is printed', async () => {
    const { pf, peer, numbers } = await setUp();
    await pf.addPrinter({ port: peer.port });
    const queued = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: numbers[0]! },
      pf.token,
    );
    const job = await waitFor(() => pf.job(queued.id), settled);
    expect(job).toMatchObject({
      state: 'printed',
      lastError: null,
      lastErrorCode: null,
      attempts: 1,
    });
    const [document, ...more] = peer.documents();
    expect(more).toEqual([]);
    const stored = await pf.fx.core.services.db
      .selectFrom('print_jobs')
      .select('bytes')
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    expect(document!.equals(stored.bytes)).toBe(true);
    const decoded = readEscPos(document!);
    expect(decoded.barcodes.map((b) => b.data)).toEqual([numbers[0]]);
    expect(decoded.lines.map((l) => l.text)).toEqual(
      expect.arrayContaining([
        numbers[0],
        '1 x Кружка №0 [MUG-0]',
        'To: Иван Петров',
        'From: Склад Москва',
      ]),
    );
    // The status was asked before and after the data, on connections of their own.
    expect(peer.connections.filter((c) => c.queries > 0)).toHaveLength(2);
    // Pressing print again returns nothing new: a second label is a reprint.
    const again = await pf.fx.fail(
      'printing.printPostingLabel',
      { postingNumber: numbers[0] },
      pf.token,
    );
    expect(again.code).toBe('conflict');
  });

  it('prints a ZPL label and reads ZPL host status', async () => {
    const { pf, peer, numbers } = await setUp();
    const printerId = await pf.addPrinter({ port: peer.port, language: 'zpl', paper: '4x6in' });
    expect(await pf.fx.call('printers.status', { printerId }, pf.token)).toMatchObject({
      state: 'ready',
    });
    const queued = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: numbers[0]! },
      pf.token,
    );
    expect((await waitFor(() => pf.job(queued.id), settled)).state).toBe('printed');
    const [label] = readZpl(peer.documents()[0]!);
    expect(label!.fields.find((f) => f.kind === 'code128')?.data).toBe(numbers[0]);
    // Font 0 has no Cyrillic: the item line and the addressee arrive as inked bitmaps.
    const graphics = label!.fields.filter((f) => f.kind === 'graphic');
    expect(graphics).toHaveLength(3);
    for (const g of graphics) expect(inkDots(g.bitmap!)).toBeGreaterThan(50);
  });

  it('fails a job on a printer out of paper, with that reason, and sends nothing', async () => {
    const { pf, peer, numbers } = await setUp();
    const printerId = await pf.addPrinter({ port: peer.port });
    await peer.setMode('paper_out');
    expect(await pf.fx.call('printers.status', { printerId }, pf.token)).toMatchObject({
      state: 'paper_out',
      reason: 'Paper out',
      reasonCode: 'paper_out',
    });
    const queued = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: numbers[0]! },
      pf.token,
    );
    const job = await waitFor(() => pf.job(queued.id), settled);
    expect(job).toMatchObject({
      state: 'failed',
      lastError: 'Paper out',
      lastErrorCode: 'paper_out',
      mayHavePrinted: false,
    });
    expect(peer.documents()).toEqual([]);
    // Paper loaded: nothing went out, so a plain retry is allowed and prints it.
    await peer.setMode('ready');
    await pf.fx.call('printing.retry', { jobId: queued.id }, pf.token);
    expect(await waitFor(() => pf.job(queued.id), settled)).toMatchObject({
      state: 'printed',
      lastError: null,
      lastErrorCode: null,
    });
    expect(peer.documents()).toHaveLength(1);
  });

  it('is not printed when the printer reports paper out after taking the bytes; reprint needs a reason', async () => {
    const { pf, peer, numbers } = await setUp();
    await pf.addPrinter({ port: peer.port });
    peer.afterData = 'paper_out';
    const queued = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: numbers[0]! },
      pf.token,
    );
    const job = await waitFor(() => pf.job(queued.id), settled);
    expect(job).toMatchObject({
      state: 'failed',
      lastErrorCode: 'paper_out',
      mayHavePrinted: true,
    });
    expect(job.lastError).toMatch(/^Paper out; reprint/);
    expect((await pf.fx.fail('printing.retry', { jobId: queued.id }, pf.token)).code).toBe(
      'invalid_state',
    );
    expect((await pf.fx.fail('printing.reprint', { jobId: queued.id }, pf.token)).code).toBe(
      'invalid_input',
    );
    expect(
      (await pf.fx.fail('printing.reprint', { jobId: queued.id, reason: '' }, pf.token)).code,
    ).toBe('invalid_input');
    await peer.setMode('ready');
    const reprint = await pf.fx.call(
      'printing.reprint',
      { jobId: queued.id, reason: 'label torn' },
      pf.token,
    );
    expect(reprint).toMatchObject({
      reprintOf: queued.id,
      reprintReason: 'label torn',
      createdBy: 'admin',
    });
    expect((await waitFor(() => pf.job(reprint.id), settled)).state).toBe('printed');
    expect(peer.documents()).toHaveLength(2);
    expect(peer.documents()[1]!.equals(peer.documents()[0]!)).toBe(true);
    const audit = await pf.fx.call('audit.list', { method: 'printing.reprint' }, pf.token);
    expect(audit.entries[0]).toMatchObject({ outcome: 'ok', username: 'admin' });
    expect(JSON.stringify(audit.entries[0])).toContain('label torn');
  });

  it('prints a batch in order, yielding between jobs', async () => {
    const { pf, peer, numbers } = await setUp(12);
    await pf.addPrinter({ port: peer.port });
    const ids: number[] = [];
    for (const postingNumber of numbers) {
      ids.push((await pf.fx.call('printing.printPostingLabel', { postingNumber }, pf.token)).id);
    }
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    await waitFor(
      () => pf.fx.call('printing.jobs', { limit: 50 }, pf.token),
      (jobs) => jobs.every(settled),
    );
    clearInterval(ticker);
    const jobs = await pf.fx.call('printing.jobs', { limit: 50 }, pf.token);
    expect(jobs.map((j) => j.id)).toEqual([...ids].reverse());
    expect(jobs.every((j) => j.state === 'printed')).toBe(true);
    const printed = peer.documents().map((bytes) => readEscPos(bytes).barcodes[0]?.data);
    expect(printed).toEqual(numbers);
    expect(ticks).toBeGreaterThan(0);
  });

  it('retries a refused connection with backoff and prints exactly once', async () => {
    const { pf, peer, numbers } = await setUp(2);
    await pf.addPrinter({ port: peer.port });
    await peer.setMode('refuse');
    const first = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: numbers[0]! },
      pf.token,
    );
    const second = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: numbers[1]! },
      pf.token,
    );
    const waiting = await waitFor(
      () => pf.job(first.id),
      (job) => job.attempts === 1,
    );
    expect(waiting).toMatchObject({ state: 'queued', lastErrorCode: 'unreachable' });
    expect(waiting.lastError).toMatch(/^Printer unreachable, trying again: ECONNREFUSED/);
    // The second job waits behind the first rather than overtaking it.
    expect((await pf.job(second.id)).attempts).toBe(0);
    await peer.setMode('ready');
    pf.fx.clock.now += 10 * 60_000;
    pf.fx.core.printing.wake();
    await waitFor(() => pf.job(second.id), settled);
    expect(await pf.job(first.id)).toMatchObject({
      state: 'printed',
      attempts: 2,
      lastError: null,
      lastErrorCode: null,
    });
    expect(peer.documents().map((bytes) => readEscPos(bytes).barcodes[0]?.data)).toEqual(numbers);
  });

  it('reports an unreachable printer, and fails its job as unreachable after the last try', async () => {
    const { pf, peer, numbers } = await setUp();
    const printerId = await pf.addPrinter({ port: peer.port });
    await peer.setMode('refuse');
    const status = await pf.fx.call('printers.status', { printerId }, pf.token);
    expect(status).toMatchObject({ state: 'offline', reasonCode: 'unreachable' });
    expect(status.reason).toMatch(/ECONNREFUSED/);
    const queued = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: numbers[0]! },
      pf.token,
    );
    // Each try is due after its backoff: move the clock past it rather than wait.
    let job = await waitFor(
      () => pf.job(queued.id),
      (j) => j.attempts === 1,
    );
    while (job.state === 'queued') {
      expect(job).toMatchObject({ lastErrorCode: 'unreachable', mayHavePrinted: false });
      const tries = job.attempts;
      pf.fx.clock.now += 10 * 60_000;
      pf.fx.core.printing.wake();
      job = await waitFor(
        () => pf.job(queued.id),
        (j) => j.attempts > tries,
      );
    }
    expect(job).toMatchObject({
      state: 'failed',
      attempts: 8,
      lastErrorCode: 'unreachable',
      mayHavePrinted: false,
    });
    expect(job.lastError).toMatch(/^Printer unreachable after 8 tries: ECONNREFUSED/);
    expect(peer.documents()).toEqual([]);
  });

  it('fails the queued jobs of a removed printer with that code', async () => {
    const { pf, peer, numbers } = await setUp();
    const printerId = await pf.addPrinter({ port: peer.port });
    await peer.setMode('refuse');
    const queued = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: numbers[0]! },
      pf.token,
    );
    await waitFor(
      () => pf.job(queued.id),
      (j) => j.attempts === 1,
    );
    await pf.fx.call('printers.remove', { printerId }, pf.token);
    expect(await pf.job(queued.id)).toMatchObject({
      state: 'failed',
      lastError: 'The printer was removed',
      lastErrorCode: 'printer_removed',
    });
  });

  it('fails a job caught mid-send by a shutdown and never sends it again by itself', async () => {
    const { pf, peer, numbers } = await setUp(2);
    const dataDir = pf.fx.dataDir;
    await pf.addPrinter({ port: peer.port });
    await peer.setMode('hold');
    const stuck = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: numbers[0]! },
      pf.token,
    );
    const behind = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: numbers[1]! },
      pf.token,
    );
    await waitFor(
      () => pf.job(stuck.id),
      (job) => job.state === 'sending',
    );
    await waitFor(
      async () => peer.documents().length,
      (n) => n === 1,
    );
    await pf.fx.core.close(); // the core goes away while the printer holds the connection

    await peer.setMode('ready');
    const restarted = await createCoreFixture(dataDir);
    cleanups.push(() => restarted.dispose());
    const after = wrap(restarted, pf.token);
    expect(await after.job(stuck.id)).toMatchObject({
      state: 'failed',
      lastError: INTERRUPTED,
      lastErrorCode: 'interrupted',
      mayHavePrinted: true,
    });
    // The job behind it prints; the interrupted one is not sent again.
    expect((await waitFor(() => after.job(behind.id), settled)).state).toBe('printed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(peer.documents().map((bytes) => readEscPos(bytes).barcodes[0]?.data)).toEqual(numbers);
    expect((await restarted.fail('printing.retry', { jobId: stuck.id }, pf.token)).code).toBe(
      'invalid_state',
    );
    // A person saw no label and reprints it.
    const reprint = await restarted.call(
      'printing.reprint',
      { jobId: stuck.id, reason: 'no label came out' },
      pf.token,
    );
    expect((await waitFor(() => after.job(reprint.id), settled)).state).toBe('printed');
    expect(peer.documents()).toHaveLength(3);
  }, 20_000);

  it('writes to a device file and counts that as printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-lp-'));
    try {
      const device = join(dir, 'lp0');
      writeFileSync(device, '');
      await sendBytes(
        { transport: 'device', devicePath: device },
        Buffer.from('^XA^XZ'),
        DEFAULT_TIMEOUTS,
      );
      expect(readFileSync(device, 'latin1')).toBe('^XA^XZ');
      // Never creates a file that is not there.
      await expect(
        sendBytes(
          { transport: 'device', devicePath: join(dir, 'nope') },
          Buffer.from('x'),
          DEFAULT_TIMEOUTS,
        ),
      ).rejects.toMatchObject({ phase: 'connect' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('printing roles', () => {
  it('lets counter roles print, only back office manage printers, and couriers neither', async () => {
    const { pf, peer, numbers } = await setUp();
    for (const [username, role] of [
      ['sam', 'staff'],
      ['cora', 'courier'],
    ] as const) {
      await pf.fx.call(
        'users.create',
        { username, displayName: username, role, password: 'long enough pass' },
        pf.token,
      );
    }
    const login = async (username: string) =>
      (await pf.fx.call('auth.login', { username, password: 'long enough pass' })).token;
    const staff = await login('sam');
    const courier = await login('cora');
    const printer = {
      name: 'Desk',
      transport: 'tcp',
      host: '127.0.0.1',
      port: peer.port,
      language: 'escpos',
      paper: '58mm',
      usage: { labels: true },
    };
    expect((await pf.fx.fail('printers.save', printer, staff)).code).toBe('forbidden');
    await pf.fx.call('printers.save', printer as never, pf.token);
    expect(
      (await pf.fx.fail('printing.printPostingLabel', { postingNumber: numbers[0] }, courier)).code,
    ).toBe('forbidden');
    expect((await pf.fx.fail('printing.jobs', {}, courier)).code).toBe('forbidden');
    const job = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: numbers[0]! },
      staff,
    );
    expect(job.createdBy).toBe('sam');
    expect((await waitFor(() => pf.job(job.id), settled)).state).toBe('printed');
    const denied = await pf.fx.call('audit.list', { method: 'printers.save' }, pf.token);
    expect(denied.entries.map((e) => e.outcome)).toEqual(['ok', 'denied']);
    // A device path must be a device, not any file.
    const bad = await pf.fx.fail(
      'printers.save',
      { ...printer, name: 'File', transport: 'device', devicePath: '/home/user/.bashrc' },
      pf.token,
    );
    expect(bad.code).toBe('invalid_input');
    for (const devicePath of ['/dev/../home/user/.bashrc', '\\\\.\\..\\Windows\\win.ini']) {
      const escape = await pf.fx.fail(
        'printers.save',
        { ...printer, name: 'File', transport: 'device', devicePath },
        pf.token,
      );
      expect(escape.code).toBe('invalid_input');
    }
  });
});
