import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCapturePrinter, type CapturePrinter } from '../peers/capture-printer';
import { readZpl } from '../peers/zpl-reader';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/core-fixture';
import {
  api,
  createShopOverHttp,
  startStationProcess,
  type StationProcess,
} from '../support/station-process';

/**
 * The Printing page against a real station and a raw-9100 capture printer on loopback: a label
 * printer added through the form, its live status, a test page that really arrives, a reprint
 * that asks for a reason; then a posting completed on the packing screen with scanner-speed
 * keystrokes, whose label reaches the printer and is reprinted from the queue.
 */
const dataDir = tempDir('packdesk-printing-');
const PRINTER = 'Label printer';
let station: StationProcess;
let browser: Browser;
let peer: CapturePrinter;
let page: Page;
let token: string;
const pageErrors: string[] = [];

type Job = {
  id: number;
  kind: string;
  documentKey: string;
  state: string;
  reprintOf: number | null;
  reprintReason: string | null;
};

async function jobs(): Promise<Job[]> {
  return (await api(station.url, 'printing.jobs', { limit: 50 }, token)).body.data as Job[];
}

/** The ZPL labels of the documents the printer has received so far. */
function printedLabels() {
  return peer.documents().map((bytes) => readZpl(bytes));
}

/**
 * A keyboard-wedge scanner: the code at scanner speed, then its Enter suffix. Playwright waits
 * for the page to take each key, so a burst typed while the page is still drawing the last
 * scan's answer would arrive with gaps no scanner makes; wait for an idle moment first.
 */
async function scan(code: string) {
  await page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2_000 })),
  );
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  peer = await startCapturePrinter();
  station = await startStationProcess(dataDir);
  browser = await launchChromium();
  token = await createShopOverHttp(station);
  page = await browser.newPage({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.addInitScript((value) => {
    localStorage.setItem('packdesk.token', value);
    // Each keystroke is a round trip to Chromium; on a loaded two-core machine they can land
    // more than the default 35 ms apart. 100 ms is the setting's upper limit, the one a counter
    // with a slow scanner would choose; a burst still has to end with Enter to count as a scan.
    localStorage.setItem('packdesk.scanner', JSON.stringify({ maxGapMs: 100 }));
  }, token);
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await peer?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Printing page in Chromium with a capture printer', () => {
  it('adds a ZPL label printer through the form, checks its status and prints a test page', async () => {
    await page.goto(station.url);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('link', { name: 'Printing' }).click();
    await page.getByRole('heading', { name: 'Printing', level: 1 }).waitFor();
    const printers = page.getByRole('table', { name: 'Printers' });
    await printers.getByText('No printers yet. Add the label printer first.').waitFor();

    // Add the printer; a host the contract refuses is caught on its field before any call.
    await page.getByRole('button', { name: 'Add printer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add printer' });
    await dialog.getByLabel('Name', { exact: true }).fill(PRINTER);
    await dialog.getByLabel('Host or IP address', { exact: true }).fill('printer host');
    await dialog.getByLabel('Port', { exact: true }).fill(String(peer.port));
    await dialog.getByLabel('Printer language', { exact: true }).click();
    await page.getByRole('option', { name: 'ZPL' }).click();
    await dialog.getByLabel('Paper', { exact: true }).click();
    await page.getByRole('option', { name: '120 × 75 mm label' }).click();
    await dialog.getByRole('checkbox', { name: 'Shipping labels' }).check();
    await dialog.getByRole('button', { name: 'Add printer' }).click();
    const hostError = dialog.getByText(
      'Letters, digits, dots, colons, dashes and underscores only',
    );
    await hostError.waitFor();
    await dialog.getByLabel('Host or IP address', { exact: true }).fill('127.0.0.1');
    await hostError.waitFor({ state: 'hidden' });
    await page.screenshot({ path: '/tmp/printing-add-form.png' });
    await dialog.getByRole('button', { name: 'Add printer' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = printers.getByRole('row', { name: new RegExp(PRINTER) });
    await row.getByText(`127.0.0.1:${peer.port}`).waitFor();
    await row.getByText('Shipping labels').waitFor();
    // The status is asked of the printer itself (ZPL ~HS).
    const status = row.getByRole('status', { name: `Status of ${PRINTER}` });
    await status.getByText('Ready').waitFor({ timeout: 15_000 });
    const saved = (await api(station.url, 'printers.list', {}, token)).body.data;
    expect(saved).toMatchObject([
      {
        name: PRINTER,
        transport: 'tcp',
        host: '127.0.0.1',
        port: peer.port,
        language: 'zpl',
        paper: '120x75mm',
        dpi: 203,
        usage: { labels: true, receipts: false, pickLists: false },
        reportsStatus: true,
      },
    ]);

    // The same name again: the core's field error appears on the Name field, translated.
    await page.getByRole('button', { name: 'Add printer' }).click();
    const again = page.getByRole('dialog', { name: 'Add printer' });
    await again.getByLabel('Name', { exact: true }).fill(PRINTER);
    await again.getByLabel('Host or IP address', { exact: true }).fill('127.0.0.1');
    await again.getByLabel('Printer language', { exact: true }).click();
    await page.getByRole('option', { name: 'ESC/POS' }).click();
    await again.getByLabel('Paper', { exact: true }).click();
    await page.getByRole('option', { name: '80 mm roll' }).click();
    await again.getByRole('button', { name: 'Add printer' }).click();
    await again.getByText('A printer with this name already exists').waitFor();
    await again.getByRole('button', { name: 'Cancel' }).click();
    await again.waitFor({ state: 'hidden' });

    // Edit: the form opens with the saved values; a changed paper size is kept.
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${PRINTER}` });
    expect(await edit.getByLabel('Port', { exact: true }).inputValue()).toBe(String(peer.port));
    await edit.getByLabel('Paper', { exact: true }).click();
    await page.getByRole('option', { name: '4 × 6 in label' }).click();
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await row.getByText('ZPL · 4 × 6 in label').waitFor();
    expect((await api(station.url, 'printers.list', {}, token)).body.data).toMatchObject([
      { name: PRINTER, paper: '4x6in', port: peer.port, usage: { labels: true } },
    ]);

    // Paper out: "Check" shows it, and Test page asks before sending anything.
    await peer.setMode('paper_out');
    await row.getByRole('button', { name: 'Check' }).click();
    await status.getByText('Paper out').waitFor({ timeout: 15_000 });
    // The reason says nothing the state does not: it is not shown a second time.
    expect(await row.getByText('Paper out', { exact: true }).count()).toBe(1);
    await row.getByRole('button', { name: 'Test page' }).click();
    const warning = page.getByRole('dialog').filter({ hasText: `${PRINTER}: Paper out` });
    await warning.waitFor();
    // On a loaded machine a click can land while the dialog is still animating in and be
    // dropped; a person would click again, and so does the test until the dialog has gone.
    for (let attempt = 1; ; attempt++) {
      await warning.getByRole('button', { name: 'Cancel' }).click();
      const gone = await warning
        .waitFor({ state: 'hidden', timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
      if (gone) break;
      if (attempt === 5) throw new Error('the paper-out dialog did not close');
    }
    expect(peer.documents()).toHaveLength(0);
    expect(await jobs()).toEqual([]);

    // Paper back in: the test page goes out and the queue says Printed only once it has.
    await peer.setMode('ready');
    await row.getByRole('button', { name: 'Test page' }).click();
    await status.getByText('Ready').waitFor({ timeout: 15_000 });
    const queue = page.getByRole('table', { name: 'Print jobs' });
    const testRow = queue.getByRole('row', { name: new RegExp(`Test page for ${PRINTER}`) });
    await testRow.getByText('Printed', { exact: true }).waitFor({ timeout: 30_000 });
    await expect.poll(() => printedLabels().length).toBe(1);
    const [testPage] = printedLabels()[0] ?? [];
    const texts = testPage?.fields.map((field) => field.data) ?? [];
    expect(texts).toContain('PACKDESK TEST PAGE');
    expect(texts).toContain(PRINTER);
    await page.screenshot({ path: '/tmp/printing-page.png', fullPage: true });

    // Preview: the core's rendering, or a clear message where it cannot render one.
    await testRow.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('dialog', { name: `Preview: Test page for ${PRINTER}` });
    await preview
      .getByRole('img', { name: `Test page for ${PRINTER} as printed on ${PRINTER}` })
      .or(preview.getByText('The preview cannot be shown.'))
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: '/tmp/printing-preview.png' });
    await preview.getByRole('button', { name: 'Close' }).click();
    await preview.waitFor({ state: 'hidden' });

    // Reprint asks for a reason, refuses too short a one, and the new job keeps it.
    await testRow.getByRole('button', { name: 'Reprint' }).click();
    const reprint = page.getByRole('dialog', { name: `Reprint Test page for ${PRINTER}` });
    await reprint.getByRole('button', { name: 'Reprint' }).click();
    await reprint.getByText('Required', { exact: true }).waitFor();
    await reprint.getByLabel('Reason for the reprint').fill('ok');
    await reprint.getByRole('button', { name: 'Reprint' }).click();
    await reprint.getByText('Between 3 and 200 characters').waitFor();
    await reprint.getByLabel('Reason for the reprint').fill('Checking the new roll');
    await page.screenshot({ path: '/tmp/printing-reprint-dialog.png' });
    await reprint.getByRole('button', { name: 'Reprint' }).click();
    await reprint.waitFor({ state: 'hidden' });
    const reprintRow = queue.getByRole('row', { name: /Reason: Checking the new roll/ });
    await reprintRow.getByText('Printed', { exact: true }).waitFor({ timeout: 30_000 });
    const [first, second] = [...(await jobs())].reverse();
    expect(second).toMatchObject({
      kind: 'test_page',
      state: 'printed',
      reprintOf: first?.id,
      reprintReason: 'Checking the new roll',
    });
    await expect.poll(() => printedLabels().length).toBe(2);

    // Paper out at send time: nothing goes out, the job fails with the reason and can be retried.
    await peer.setMode('paper_out');
    await row.getByRole('button', { name: 'Test page' }).click();
    await page
      .getByRole('dialog')
      .filter({ hasText: `${PRINTER}: Paper out` })
      .getByRole('button', { name: 'Print anyway' })
      .click();
    const failedRow = queue.getByRole('row', { name: /^#3 / });
    await failedRow.getByText('Failed', { exact: true }).waitFor({ timeout: 30_000 });
    await failedRow.getByText('Nothing was printed. Fix the printer, then retry.').waitFor();
    await failedRow.getByText('Paper out', { exact: true }).waitFor();
    expect(printedLabels()).toHaveLength(2);
    await peer.setMode('ready');
    await failedRow.getByRole('button', { name: 'Retry' }).click();
    await failedRow.getByText('Printed', { exact: true }).waitFor({ timeout: 30_000 });
    expect(printedLabels()).toHaveLength(3);

    // The printer takes the bytes, then reports paper out: the job may have printed, so it is
    // not retried by itself or by a click, only reprinted with a reason.
    peer.afterData = 'paper_out';
    await row.getByRole('button', { name: 'Test page' }).click();
    const doubtfulRow = queue.getByRole('row', { name: /^#4 / });
    await doubtfulRow.getByText('Failed', { exact: true }).waitFor({ timeout: 30_000 });
    await doubtfulRow.getByText('May have printed: check the printer before reprinting.').waitFor();
    await doubtfulRow.getByText('Paper out', { exact: true }).waitFor();
    expect(await doubtfulRow.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await doubtfulRow.getByRole('button', { name: 'Reprint' }).waitFor();
    expect(printedLabels()).toHaveLength(4);
    await page.screenshot({ path: '/tmp/printing-failed-jobs.png', fullPage: true });

    // No connection: the state says offline, the reason why, in words rather than an errno.
    await peer.setMode('refuse');
    await row.getByRole('button', { name: 'Check' }).click();
    await status.getByText('Offline').waitFor({ timeout: 15_000 });
    await row.getByText('The printer cannot be reached').waitFor();
    expect(await row.locator('[lang="en"]').count()).toBe(0);
    await peer.setMode('ready');
    await row.getByRole('button', { name: 'Check' }).click();
    await status.getByText('Ready').waitFor({ timeout: 15_000 });

    // Right to left: the same page in Persian, the reason as typed.
    await api(station.url, 'preferences.update', { language: 'fa' }, token);
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('heading', { name: 'چاپ', level: 1 }).waitFor();
    const faQueue = page.getByRole('table', { name: 'کارهای چاپ' });
    await faQueue.getByText('دلیل: Checking the new roll').waitFor();
    // The failed job's reason in Persian, and no English from the core anywhere in the queue.
    await faQueue.getByText('کاغذ تمام شده', { exact: true }).first().waitFor();
    expect(await faQueue.locator('[lang="en"]').count()).toBe(0);
    await page.screenshot({ path: '/tmp/printing-page-fa.png', fullPage: true });
    await api(station.url, 'preferences.update', { language: 'en' }, token);
    await page.reload();
    await page.getByRole('heading', { name: 'Printing', level: 1 }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('prints the label of a posting completed on the packing screen, and reprints it with a reason', async () => {
    await api(station.url, 'accounts.connectDemo', {}, token);
    // The first pull runs in the background; on a loaded machine it can take a while.
    let postingNumber = '';
    await expect
      .poll(
        async () => {
          const found = await api(
            station.url,
            'postings.search',
            { status: 'to_pack', limit: 5 },
            token,
          );
          postingNumber = found.body.data?.items?.[0]?.postingNumber ?? '';
          return postingNumber;
        },
        { timeout: 90_000, interval: 500 },
      )
      .not.toBe('');

    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('link', { name: 'Packing' }).click();
    await page.getByRole('heading', { name: 'Packing', level: 1 }).waitFor();

    // The posting number, then every unit of every line, then the Complete command barcode.
    await scan(postingNumber);
    let lines: { barcodes: string[]; offerId: string; quantity: number }[] = [];
    await expect
      .poll(
        async () => {
          const state = (await api(station.url, 'packing.current', {}, token)).body.data;
          lines = state?.session?.lines ?? [];
          return state?.session?.postingNumber ?? null;
        },
        { timeout: 15_000 },
      )
      .toBe(postingNumber);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      for (let unit = 0; unit < line.quantity; unit++) {
        await scan(line.barcodes[0] ?? line.offerId);
      }
    }
    await page.screenshot({ path: '/tmp/printing-packing.png' });
    await expect
      .poll(
        async () => {
          const state = (await api(station.url, 'packing.current', {}, token)).body.data;
          return (state?.session?.lines ?? []).every(
            (line: { packed: number; quantity: number }) => line.packed === line.quantity,
          );
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await scan('PDCMD:COMPLETE');

    const printedBefore = printedLabels().length;
    // The label reaches the printer without a click: a CODE128 of the posting number.
    await expect.poll(() => printedLabels().length, { timeout: 30_000 }).toBe(printedBefore + 1);
    const [label] = printedLabels()[printedBefore] ?? [];
    expect(label?.fields.find((field) => field.kind === 'code128')?.data).toBe(postingNumber);
    expect(label?.fields.some((field) => field.data === postingNumber)).toBe(true);
    // Printed only after the printer, asked again once the bytes are in, reports no error.
    let original: Job | undefined;
    await expect
      .poll(async () => {
        original = (await jobs()).find(
          (job) => job.kind === 'posting_label' && job.documentKey === postingNumber,
        );
        return original;
      })
      .toMatchObject({ state: 'printed', reprintOf: null });

    // Reprint from the queue: the dialog insists on a reason and the new job keeps it.
    await nav.getByRole('link', { name: 'Printing' }).click();
    const queue = page.getByRole('table', { name: 'Print jobs' });
    const labelRow = queue
      .getByRole('row', { name: new RegExp(`Package label ${postingNumber}`) })
      .filter({ hasText: 'Printed' })
      .first();
    await labelRow.getByRole('button', { name: 'Reprint' }).click();
    const dialog = page.getByRole('dialog', { name: `Reprint Package label ${postingNumber}` });
    await dialog.getByRole('button', { name: 'Reprint' }).click();
    await dialog.getByText('Required', { exact: true }).waitFor();
    await dialog.getByLabel('Reason for the reprint').fill('ok');
    await dialog.getByRole('button', { name: 'Reprint' }).click();
    await dialog.getByText('Between 3 and 200 characters').waitFor();
    await dialog.getByLabel('Reason for the reprint').fill('Label smudged by the tape');
    await page.screenshot({ path: '/tmp/printing-reprint-label-dialog.png' });
    await dialog.getByRole('button', { name: 'Reprint' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const reprintRow = queue.getByRole('row', { name: /Reason: Label smudged by the tape/ });
    await reprintRow.getByText(`#${original?.id}`).waitFor();
    await reprintRow.getByText('Printed', { exact: true }).waitFor({ timeout: 30_000 });
    const reprint = (await jobs()).find((job) => job.reprintOf === original?.id);
    expect(reprint).toMatchObject({
      kind: 'posting_label',
      documentKey: postingNumber,
      state: 'printed',
      reprintReason: 'Label smudged by the tape',
    });
    await expect.poll(() => printedLabels().length, { timeout: 30_000 }).toBe(printedBefore + 2);
    const [copy] = printedLabels()[printedBefore + 1] ?? [];
    expect(copy?.fields.find((field) => field.kind === 'code128')?.data).toBe(postingNumber);
    await page.screenshot({ path: '/tmp/printing-queue-reprint.png', fullPage: true });

    // Removing the printer asks first; its printed history stays in the queue.
    const printers = page.getByRole('table', { name: 'Printers' });
    await printers.getByRole('button', { name: 'Remove' }).click();
    await page
      .getByRole('tooltip')
      .filter({ hasText: `Remove ${PRINTER}?` })
      .getByRole('button', { name: 'Remove' })
      .click();
    await printers.getByText('No printers yet. Add the label printer first.').waitFor();
    expect((await api(station.url, 'printers.list', {}, token)).body.data).toEqual([]);
    await reprintRow.waitFor();
    expect(pageErrors).toEqual([]);
  });
});
