import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCapturePrinter, type CapturePrinter } from '../peers/capture-printer';
import { readEscPos } from '../peers/escpos-reader';
import { readZpl } from '../peers/zpl-reader';
import {
  createPrintingFixture,
  seedPostings,
  waitFor,
  type PrintingFixture,
} from './printing-fixture';
import { handlerContext, printOnCompleteOf } from './printing-context';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const settled = (job: { state: string }) => job.state === 'printed' || job.state === 'failed';

async function setUp(): Promise<{ pf: PrintingFixture; peer: CapturePrinter }> {
  const pf = await createPrintingFixture();
  cleanups.push(() => pf.fx.dispose());
  const peer = await startCapturePrinter();
  cleanups.push(() => peer.close());
  await seedPostings(pf.fx, [
    {
      postingNumber: '20000001-0001-1',
      items: [{ name: 'Кружка', offerId: 'MUG-1', quantity: 2 }],
      addressee: 'Иван Петров',
    },
    {
      postingNumber: '20000002-0001-1',
      items: [{ name: '绿茶', offerId: 'TEA-2', quantity: 1 }],
      addressee: '王小明',
    },
    {
      postingNumber: '20000003-0001-1',
      items: [{ name: 'Plain cup', offerId: 'CUP-3', quantity: 4 }],
      addressee: 'محمد رضایی',
    },
  ]);
  return { pf, peer };
}

/**
 * A stand-in `lp` first on PATH: records its arguments and what it read from standard input,
 * and refuses a queue named `missing` as CUPS does.
 */
function fakeLp(): { dir: string; argv: () => string[]; stdin: () => Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-lp-'));
  const script = join(dir, 'lp');
  writeFileSync(
    script,
    `#!/bin/sh
printf '%s\\n' "$@" > "${dir}/argv"
cat > "${dir}/stdin"
if [ "$2" = "missing" ]; then echo "lp: The printer or class does not exist." >&2; exit 1; fi
echo "request id is $2-42 (1 file(s))"
`,
  );
  chmodSync(script, 0o755);
  const path = process.env['PATH'];
  process.env['PATH'] = `${dir}:${path ?? ''}`;
  cleanups.push(() => {
    process.env['PATH'] = path;
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    argv: () => readFileSync(join(dir, 'argv'), 'utf8').trim().split('\n'),
    stdin: () => readFileSync(join(dir, 'stdin')),
  };
}

describe('documents through the queue', () => {
  it('prints a pick list on the pick-list printer, and says so when there is none', async () => {
    const { pf, peer } = await setUp();
    const list = await pf.fx.call('picking.create', { limit: 10 }, pf.token);
    const none = await pf.fx.fail('printing.printPickList', { pickListId: list.id }, pf.token);
    expect(none).toMatchObject({
      code: 'invalid_state',
      message: 'No printer is marked for pick lists',
    });

    await pf.addPrinter({
      port: peer.port,
      usage: { labels: false, receipts: false, pickLists: true },
    });
    const job = await pf.fx.call('printing.printPickList', { pickListId: list.id }, pf.token);
    expect(job).toMatchObject({ kind: 'pick_list', documentKey: String(list.id) });
    expect((await waitFor(() => pf.job(job.id), settled)).state).toBe('printed');
    const doc = readEscPos(peer.documents()[0]!);
    expect(doc.barcodes.map((b) => b.data)).toEqual([`PL-${list.id}`]);
    const lines = doc.lines.map((l) => l.text);
    expect(lines).toEqual(
      expect.arrayContaining([
        `PICK LIST ${list.id}`,
        ...list.lines.flatMap((l) => [
          `${l.location ?? '-'}  ${l.quantity} x ${l.offerId}`,
          l.name,
        ]),
        ...list.postingNumbers,
      ]),
    );
    expect(list.postingNumbers).toHaveLength(3);
    expect((await pf.fx.fail('printing.printPickList', { pickListId: 999 }, pf.token)).code).toBe(
      'not_found',
    );
  });

  it('prints a dispatch manifest on the receipt printer', async () => {
    const { pf, peer } = await setUp();
    const batch = await pf.fx.call('dispatch.open', { carrier: 'Ozon Логистика' }, pf.token);
    expect((await pf.fx.fail('printing.printManifest', { batchId: batch.id }, pf.token)).code).toBe(
      'invalid_state',
    );
    await pf.addPrinter({
      port: peer.port,
      language: 'zpl',
      paper: '120x75mm',
      usage: { labels: false, receipts: true, pickLists: false },
    });
    const job = await pf.fx.call('printing.printManifest', { batchId: batch.id }, pf.token);
    expect((await waitFor(() => pf.job(job.id), settled)).state).toBe('printed');
    const [label] = readZpl(peer.documents()[0]!);
    expect(label!.fields.filter((f) => f.kind === 'code128').map((f) => f.data)).toEqual([
      `DB-${batch.id}`,
    ]);
    expect(label!.fields.map((f) => f.data)).toEqual(
      expect.arrayContaining([`MANIFEST ${batch.id}`, '0 packages']),
    );
  });

  it('previews every kind of document at the paper size', async () => {
    const { pf, peer } = await setUp();
    const printerId = await pf.addPrinter({ port: peer.port, language: 'zpl', paper: '4x6in' });
    const list = await pf.fx.call('picking.create', { limit: 10 }, pf.token);
    const batch = await pf.fx.call('dispatch.open', { carrier: 'Courier' }, pf.token);
    for (const [kind, documentKey] of [
      ['posting_label', '20000003-0001-1'],
      ['packing_slip', '20000002-0001-1'],
      ['pick_list', String(list.id)],
      ['manifest', String(batch.id)],
      ['test_page', 'x'],
    ] as const) {
      const preview = await pf.fx.call(
        'printing.preview',
        { kind, documentKey, printerId },
        pf.token,
      );
      expect(preview, kind).toMatchObject({ widthPx: 812, heightPx: 1218 });
      expect(Buffer.from(preview.dataUrl.split(',')[1]!, 'base64').subarray(1, 4).toString()).toBe(
        'PNG',
      );
    }
    expect(
      (
        await pf.fx.fail(
          'printing.preview',
          { kind: 'marketplace_label', documentKey: '20000001-0001-1', printerId },
          pf.token,
        )
      ).code,
    ).toBe('not_found');
    expect(
      (
        await pf.fx.fail(
          'printing.preview',
          { kind: 'pick_list', documentKey: 'abc', printerId },
          pf.token,
        )
      ).code,
    ).toBe('invalid_input');
    // Previews print nothing.
    expect(peer.documents()).toHaveLength(0);
  });

  it('prints the label and a packing slip on completion when the receipt printer is set to', async () => {
    const { pf, peer } = await setUp();
    const slipPeer = await startCapturePrinter();
    cleanups.push(() => slipPeer.close());
    await pf.addPrinter({ port: peer.port, language: 'zpl', paper: '58x40mm' });
    await pf.addPrinter({
      name: 'Receipts',
      port: slipPeer.port,
      paper: '80mm',
      usage: { labels: false, receipts: true, pickLists: false },
      packingSlipOnComplete: true,
    });
    const admin = await pf.fx.core.services.db
      .selectFrom('users')
      .select('id')
      .executeTakeFirstOrThrow();
    const prints = await printOnCompleteOf(pf.fx.core)(
      handlerContext(pf.fx.core),
      '20000003-0001-1',
      admin.id,
    );
    expect(prints.labelJobId).not.toBeNull();
    expect(prints.packingSlipJobId).not.toBeNull();
    expect((await waitFor(() => pf.job(prints.packingSlipJobId!), settled)).state).toBe('printed');
    expect((await waitFor(() => pf.job(prints.labelJobId!), settled)).state).toBe('printed');
    const slip = readEscPos(slipPeer.documents()[0]!);
    expect(slip.lines.map((l) => l.text)).toEqual(
      expect.arrayContaining(['PACKING SLIP', '1 lines, 4 pcs']),
    );
    // The Persian addressee: a raster line on the slip, a bitmap on the label.
    expect(slip.rasters).toHaveLength(1);
    const [label] = readZpl(peer.documents()[0]!);
    // On the label the Persian addressee and the Cyrillic warehouse are bitmaps.
    expect(label!.fields.filter((f) => f.kind === 'graphic')).toHaveLength(2);
  });
});

describe('OS printers through lp', () => {
  it('spools a PDF with lp -d <queue>, argv only, and counts acceptance as printed', async () => {
    const { pf } = await setUp();
    const lp = fakeLp();
    const printer = await pf.fx.call(
      'printers.save',
      {
        name: 'Office laser',
        transport: 'os',
        osQueue: 'Office_Laser-2',
        language: 'pdf',
        paper: '4x6in',
        usage: { labels: true, receipts: false, pickLists: false },
      },
      pf.token,
    );
    expect(printer).toMatchObject({ transport: 'os', osQueue: 'Office_Laser-2', language: 'pdf' });
    expect(await pf.fx.call('printers.status', { printerId: printer.id }, pf.token)).toMatchObject({
      state: 'unknown',
    });
    const job = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: '20000001-0001-1' },
      pf.token,
    );
    expect((await waitFor(() => pf.job(job.id), settled)).state).toBe('printed');
    expect(lp.argv()).toEqual(['-d', 'Office_Laser-2']);
    const pdf = lp.stdin();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 288 432\]/);
  });

  it('passes ZPL through a raw queue, and fails a job lp refuses without retrying', async () => {
    const { pf } = await setUp();
    const lp = fakeLp();
    const save = (name: string, osQueue: string) =>
      pf.fx.call(
        'printers.save',
        {
          name,
          transport: 'os',
          osQueue,
          language: 'zpl',
          paper: '4x6in',
          usage: { labels: true, receipts: false, pickLists: false },
        },
        pf.token,
      );
    const raw = await save('Zebra via CUPS', 'zebra');
    const job = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: '20000001-0001-1', printerId: raw.id },
      pf.token,
    );
    expect((await waitFor(() => pf.job(job.id), settled)).state).toBe('printed');
    expect(lp.argv()).toEqual(['-d', 'zebra', '-o', 'raw']);
    expect(readZpl(lp.stdin())[0]!.fields.find((f) => f.kind === 'code128')?.data).toBe(
      '20000001-0001-1',
    );

    const missing = await save('Gone', 'missing');
    const refused = await pf.fx.call(
      'printing.printPostingLabel',
      { postingNumber: '20000002-0001-1', printerId: missing.id },
      pf.token,
    );
    const failed = await waitFor(() => pf.job(refused.id), settled);
    expect(failed).toMatchObject({
      state: 'failed',
      attempts: 1,
      mayHavePrinted: false,
      lastErrorCode: 'refused_by_spooler',
    });
    expect(failed.lastError).toContain('The printer or class does not exist');
  });

  it('refuses queue names that could be read as options or shell', async () => {
    const { pf } = await setUp();
    for (const osQueue of ['-o', 'a b', 'x;rm -rf /', '$(id)', 'q/../x']) {
      const error = await pf.fx.fail(
        'printers.save',
        { name: 'Bad', transport: 'os', osQueue, language: 'pdf', paper: '4x6in' },
        pf.token,
      );
      expect(error.code, osQueue).toBe('invalid_input');
    }
    const noQueue = await pf.fx.fail(
      'printers.save',
      { name: 'Bad', transport: 'os', language: 'pdf', paper: '4x6in' },
      pf.token,
    );
    expect(noQueue.fields).toMatchObject({ osQueue: expect.any(String) });
    const pdfOnTcp = await pf.fx.fail(
      'printers.save',
      { name: 'Bad', transport: 'tcp', host: '127.0.0.1', language: 'pdf', paper: '4x6in' },
      pf.token,
    );
    expect(pdfOnTcp.fields).toMatchObject({ language: expect.any(String) });
  });
});
