import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index';
import { commandBarcode, packageLabelBarcode } from '../../shared/domain/scan';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/core-fixture';
import {
  api,
  createShopOverHttp,
  startStationProcess,
  type StationProcess,
} from '../support/station-process';

/**
 * The packing counter in Chromium, driven only by simulated scanners: keyboard-wedge bursts
 * (US layout through Playwright, Russian layout through raw CDP key events carrying Cyrillic
 * characters on the same physical keys) and a serial scanner behind a socat pty pair. The
 * marketplace is a sandbox in this process, so the test can take it down and count its calls.
 */
const dataDir = tempDir('packdesk-packing-');
const SHOTS = process.env.PACKDESK_SHOTS ?? '/tmp';
let station: StationProcess;
let browser: Browser;
let sandbox: Sandbox;
let token: string;
let accountId: number;
const socats: ChildProcess[] = [];

interface Line {
  sku: string;
  offerId: string;
  name: string;
  barcodes: string[];
  quantity: number;
  packed: number;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 4711, clock: 'real' });
  sandbox.control.generatePostings(40, { status: 'awaiting_packaging', spanMs: 2 * 60 * 60_000 });
  station = await startStationProcess(dataDir);
  browser = await launchChromium();
  token = await createShopOverHttp(station);
  const account = await api(
    station.url,
    'accounts.connectOzon',
    { name: 'Sandbox', clientId: sandbox.clientId, apiKey: sandbox.apiKey, baseUrl: sandbox.url },
    token,
  );
  expect(account.body.ok).toBe(true);
  accountId = account.body.data.id as number;
  // The first pull runs in the background; on a loaded machine it can take a while.
  for (let attempt = 0; ; attempt++) {
    await call('accounts.syncNow', { accountId });
    const { items } = await call('postings.search', { status: 'to_pack', limit: 100 });
    if (items.length >= 20) break;
    if (attempt > 50) throw new Error('the sandbox postings did not arrive');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
});

afterAll(async () => {
  for (const socat of socats) socat.kill('SIGTERM');
  await browser?.close();
  await station?.stop();
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, input: unknown) {
  const { body } = await api(station.url, method, input, token);
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.data;
}

/** To-pack postings whose items add up to at least `units`, with their lines. */
async function postingsToPack(units: number, skip: Set<string>) {
  const { items } = (await call('postings.search', { status: 'to_pack', limit: 200 })) as {
    items: { postingNumber: string; localState: string }[];
  };
  const found: { postingNumber: string; deliveryMethod: string; units: number }[] = [];
  for (const { postingNumber, localState } of items) {
    if (skip.has(postingNumber) || localState !== 'none') continue;
    const detail = await call('postings.get', { postingNumber });
    const total = (detail.items as { quantity: number }[]).reduce((s, i) => s + i.quantity, 0);
    if (total >= units)
      found.push({ postingNumber, deliveryMethod: detail.deliveryMethod, units: total });
  }
  return found;
}

async function openPage(): Promise<Page> {
  const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1500, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.addInitScript(
    ({ value, scanner }) => {
      localStorage.setItem('packdesk.token', value);
      localStorage.setItem('packdesk.scanner', JSON.stringify(scanner));
    },
    { value: token, scanner: { maxGapMs: SCANNER_MAX_GAP_MS } },
  );
  await page.goto(`${station.url}/#/packing`);
  await page.getByRole('heading', { name: 'Packing' }).waitFor();
  return page;
}
const pageErrors: string[] = [];

/**
 * The station's "longest pause between keys" for these tests. A real scanner types a key every
 * 1–10 ms; Playwright's `type(…, {delay: 5})` and CDP key events pass through this test process,
 * and on a loaded two-core machine their keys were measured up to ~60 ms apart. 90 ms still
 * leaves a person typing at 120 ms a key far outside a burst.
 */
const SCANNER_MAX_GAP_MS = 90;

function banner(page: Page) {
  return page.getByRole('region', { name: 'Last scan' }).getByRole('alert');
}

async function lastVerdict(page: Page) {
  const alert = banner(page);
  return {
    seq: Number(await alert.getAttribute('data-seq')),
    name: (await alert.getAttribute('data-verdict')) ?? '',
    text: await alert.innerText(),
  };
}

type Send = (page: Page, code: string) => Promise<void>;

/** A keyboard-wedge scanner on a US layout: a fast burst of keys, then Enter. */
const usScan: Send = async (page, code) => {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
};

// ЙЦУКЕН on the physical keys of a US keyboard: what a Russian layout types for each key.
const RU_LETTERS = 'фисвуапршолдьтщзйкыегмцчня'; // KeyA … KeyZ
const VK: Record<string, number> = { Minus: 189, Semicolon: 186, Period: 190, Slash: 191 };

function physicalKey(char: string): { code: string; shift: boolean; vk: number; ru: string } {
  if (/^[0-9]$/.test(char))
    return { code: `Digit${char}`, shift: false, vk: 48 + Number(char), ru: char };
  if (/^[A-Za-z]$/.test(char)) {
    const upper = char.toUpperCase();
    const ru = RU_LETTERS[upper.charCodeAt(0) - 65] ?? '';
    const shift = char === upper;
    return {
      code: `Key${upper}`,
      shift,
      vk: upper.charCodeAt(0),
      ru: shift ? ru.toUpperCase() : ru,
    };
  }
  switch (char) {
    case '-':
      return { code: 'Minus', shift: false, vk: VK.Minus!, ru: '-' };
    case '_':
      return { code: 'Minus', shift: true, vk: VK.Minus!, ru: '_' };
    case ':':
      return { code: 'Semicolon', shift: true, vk: VK.Semicolon!, ru: 'Ж' };
    case '.':
      return { code: 'Period', shift: false, vk: VK.Period!, ru: 'ю' };
    default:
      throw new Error(`no physical key for ${char}`);
  }
}

/**
 * The same scanner with the PC's layout switched to Russian: identical physical keys, but every
 * key event carries the Cyrillic character the layout makes of it (`KeyF` → `а`).
 */
function russianScan(cdp: CDPSession): Send {
  const key = (params: Record<string, unknown>) =>
    cdp.send('Input.dispatchKeyEvent', params as never);
  return async (_page, code) => {
    for (const char of code) {
      const { code: physical, shift, vk, ru } = physicalKey(char);
      const modifiers = shift ? 8 : 0;
      if (shift)
        await key({
          type: 'rawKeyDown',
          code: 'ShiftLeft',
          key: 'Shift',
          windowsVirtualKeyCode: 16,
          modifiers,
        });
      await key({
        type: 'keyDown',
        code: physical,
        key: ru,
        text: ru,
        unmodifiedText: ru,
        windowsVirtualKeyCode: vk,
        modifiers,
      });
      await key({ type: 'keyUp', code: physical, key: ru, windowsVirtualKeyCode: vk, modifiers });
      if (shift)
        await key({ type: 'keyUp', code: 'ShiftLeft', key: 'Shift', windowsVirtualKeyCode: 16 });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await key({
      type: 'keyDown',
      code: 'Enter',
      key: 'Enter',
      text: '\r',
      windowsVirtualKeyCode: 13,
    });
    await key({ type: 'keyUp', code: 'Enter', key: 'Enter', windowsVirtualKeyCode: 13 });
  };
}

async function scan(page: Page, send: Send, code: string) {
  const before = (await lastVerdict(page)).seq;
  await send(page, code);
  await expect
    .poll(async () => (await lastVerdict(page)).seq, { timeout: 15_000 })
    .toBeGreaterThan(before);
  return lastVerdict(page);
}

async function currentLines(): Promise<Line[]> {
  const state = await call('packing.current', {});
  return (state.session?.lines ?? []) as Line[];
}

/** A code that finds this line's product through the scanner: its barcode, else its SKU. */
function codeOf(line: Line): string {
  return line.barcodes.find((barcode) => /^\d+$/.test(barcode)) ?? line.sku;
}

const used = new Set<string>();

/**
 * Pick list → open the posting by scanning its number → a wrong item → every unit → complete
 * by command barcode → ship queued → dispatch batch opened, package scanned, closed.
 */
async function fullFlow(page: Page, send: Send, shotPrefix: string | null) {
  // Pick list for the next postings; printing it without a pick-list printer says so.
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Pick lists' })
    .click();
  await page.getByLabel('Postings', { exact: true }).fill('5');
  await page.getByRole('button', { name: 'Make pick list' }).click();
  const pickTable = page.getByRole('table', { name: 'Items to pick' });
  await pickTable.getByRole('row').nth(1).waitFor();
  expect(await pickTable.getByRole('row').count()).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await page.getByText('No printer is set for pick lists').waitFor();

  const [posting, other] = await postingsToPack(2, used);
  expect(posting, 'a to-pack posting with at least two units').toBeDefined();
  expect(other).toBeDefined();
  const number = posting!.postingNumber;
  used.add(number);

  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Packing' })
    .click();
  await page.getByRole('heading', { name: 'Packing' }).waitFor();
  if (shotPrefix) await page.screenshot({ path: `${SHOTS}/${shotPrefix}-1-idle.png` });

  let verdict = await scan(page, send, number);
  expect(verdict.name, verdict.text).toBe('posting_opened');
  expect(verdict.text).toContain(number);
  const lines = await currentLines();
  expect(lines.reduce((sum, line) => sum + line.quantity, 0)).toBeGreaterThanOrEqual(2);
  await page
    .getByRole('table', { name: 'Items to pack' })
    .getByText(lines[0]!.name)
    .first()
    .waitFor();
  if (shotPrefix) await page.screenshot({ path: `${SHOTS}/${shotPrefix}-2-opened.png` });

  // A product of another posting that is not in this one: refused with its message.
  const otherItems = (await call('postings.get', { postingNumber: other!.postingNumber }))
    .items as {
    sku: string;
  }[];
  const wrong = otherItems.find((item) => !lines.some((line) => line.sku === item.sku));
  if (wrong) {
    verdict = await scan(page, send, wrong.sku);
    expect(verdict.name, verdict.text).toBe('wrong_item');
    expect(verdict.text).toContain('WRONG ITEM');
    if (shotPrefix) await page.screenshot({ path: `${SHOTS}/${shotPrefix}-3-wrong-item.png` });
  }

  for (const line of lines) {
    for (let unit = 0; unit < line.quantity; unit++) {
      verdict = await scan(page, send, codeOf(line));
      expect(verdict.name, verdict.text).toBe('item_ok');
    }
  }
  const packed = await currentLines();
  expect(packed.every((line) => line.packed === line.quantity)).toBe(true);
  if (shotPrefix) await page.screenshot({ path: `${SHOTS}/${shotPrefix}-4-all-ticked.png` });

  // One more unit of a complete line is too many.
  verdict = await scan(page, send, codeOf(lines[0]!));
  expect(verdict.name, verdict.text).toBe('too_many');

  verdict = await scan(page, send, commandBarcode('complete'));
  expect(verdict.name, verdict.text).toBe('completed');
  expect(verdict.text).toContain(number);
  if (shotPrefix) await page.screenshot({ path: `${SHOTS}/${shotPrefix}-5-completed.png` });
  expect((await call('packing.current', {})).session).toBeNull();
  // The ship action was queued (or, with the marketplace up, may already be confirmed).
  await expect
    .poll(async () => (await call('postings.get', { postingNumber: number })).status)
    .toMatch(/^(to_pack|packed)$/);
  const detail = await call('postings.get', { postingNumber: number });
  expect(detail.status === 'packed' || detail.localState === 'shipping').toBe(true);

  // Dispatch: a batch for the posting's carrier, its package label scanned, an unpacked one refused.
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Dispatch' })
    .click();
  await page.getByRole('heading', { name: 'Dispatch' }).waitFor();
  await page.getByLabel('Carrier').click();
  await page
    .getByRole('option', { name: new RegExp(escape(posting!.deliveryMethod)) })
    .first()
    .click();
  await page.getByRole('button', { name: 'Open batch' }).click();
  await page.getByRole('button', { name: 'Close batch and print manifest' }).waitFor();

  verdict = await scan(page, send, packageLabelBarcode(number, 1));
  expect(verdict.name, verdict.text).toBe('added');
  verdict = await scan(page, send, other!.postingNumber);
  expect(verdict.name, verdict.text).toBe('not_packed');
  expect(verdict.text).toContain('REFUSED');
  if (shotPrefix) await page.screenshot({ path: `${SHOTS}/${shotPrefix}-6-dispatch-refused.png` });
  await page.getByRole('table', { name: 'Packages' }).getByText(number).waitFor();

  await page.getByRole('button', { name: 'Close batch and print manifest' }).click();
  await page.getByText('No receipt printer is set for manifests').waitFor();
  const batches = (await call('dispatch.list', {})) as {
    state: string;
    packages: { postingNumber: string }[];
  }[];
  const closed = batches.find((batch) => batch.packages.some((p) => p.postingNumber === number));
  expect(closed?.state).toBe('closed');
  return number;
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the packing counter in Chromium, scanner only', () => {
  it('pick list → pack a multi-item posting → complete → dispatch, US layout', async () => {
    const page = await openPage();
    await fullFlow(page, usScan, 'packing-us');
    await page.close();
  }, 180_000);

  it('the same flow with the keyboard layout switched to Russian', async () => {
    const page = await openPage();
    const cdp = await page.context().newCDPSession(page);
    const send = russianScan(cdp);

    // The burst detector reads physical keys: a Cyrillic burst is the Latin command.
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const tests = page.getByRole('table', { name: 'Test scans' });
    await tests.waitFor();
    await send(page, commandBarcode('undo'));
    await tests.getByText('PDCMD:UNDO').waitFor();
    await tests.getByText(/Packdesk command \(Undo last scan\)/).waitFor();

    await fullFlow(page, send, 'packing-ru');
    await page.close();
  }, 180_000);

  it('counts ten scans 50 ms apart exactly once each; slow typing stays in the field', async () => {
    const page = await openPage();
    const history = page.getByRole('region', { name: 'Recent scans' });
    const codes = Array.from({ length: 10 }, (_, i) => `ZZBURST${String(i).padStart(2, '0')}`);
    for (const code of codes) {
      await usScan(page, code);
      await page.waitForTimeout(50);
    }
    await expect
      .poll(async () => await history.getByText(/^ZZBURST\d\d$/).count(), { timeout: 15_000 })
      .toBe(10);
    for (const code of codes)
      expect(await history.getByText(code, { exact: true }).count()).toBe(1);
    expect((await lastVerdict(page)).seq).toBe(10);

    const field = page.getByLabel('Type a code');
    await field.click();
    await page.keyboard.type('ZZHUMAN42', { delay: 130 });
    expect(await field.inputValue()).toBe('ZZHUMAN42');
    await page.waitForTimeout(300);
    expect(await history.getByText('ZZHUMAN42').count()).toBe(0);
    expect((await lastVerdict(page)).seq).toBe(10);

    // A scan while the field has focus is a scan, and leaves the field as it was.
    await usScan(page, 'ZZINFIELD1');
    await history.getByText('ZZINFIELD1', { exact: true }).waitFor();
    expect(await field.inputValue()).toBe('ZZHUMAN42');
    await page.close();
  }, 120_000);

  it('packs with the marketplace down; the queued ship drains when it returns', async () => {
    const page = await openPage();
    sandbox.control.setFaults([{ path: '*', kind: 'reset_before_effect' }]);
    try {
      await packOffline(page);
    } finally {
      sandbox.control.clearFaults();
    }
    await page.close();
  }, 150_000);

  async function packOffline(page: Page) {
    const [posting] = await postingsToPack(1, used);
    const number = posting!.postingNumber;
    used.add(number);
    expect((await scan(page, usScan, number)).name).toBe('posting_opened');
    for (const line of await currentLines()) {
      for (let unit = 0; unit < line.quantity; unit++) {
        expect((await scan(page, usScan, codeOf(line))).name).toBe('item_ok');
      }
    }
    expect((await scan(page, usScan, commandBarcode('complete'))).name).toBe('completed');
    await call('accounts.syncNow', { accountId }).catch(() => undefined);
    const waiting = page.getByRole('status', { name: 'Waiting to sync' });
    await waiting.getByText(/waiting to sync/).waitFor();
    await page.screenshot({ path: `${SHOTS}/packing-offline-waiting.png` });
    const queued = (await call('outbox.list', {})) as {
      action: string;
      subject: string;
      state: string;
    }[];
    expect(
      queued.some(
        (action) =>
          action.action === 'ship' &&
          action.subject === `posting:${number}` &&
          action.state !== 'done',
      ),
    ).toBe(true);
    expect(sandbox.control.effects().postings[number]?.ship ?? 0).toBe(0);

    sandbox.control.clearFaults();
    await expect
      .poll(
        async () => {
          await call('accounts.syncNow', { accountId }).catch(() => undefined);
          return sandbox.control.effects().postings[number]?.ship ?? 0;
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(1);
  }

  it('a cancelled posting stops the packer', async () => {
    const page = await openPage();
    const [posting] = await postingsToPack(1, used);
    const number = posting!.postingNumber;
    used.add(number);
    sandbox.control.buyerCancel(number);
    await expect
      .poll(
        async () => {
          await call('accounts.syncNow', { accountId }).catch(() => undefined);
          return (await call('postings.get', { postingNumber: number })).status;
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe('cancelled');
    const verdict = await scan(page, usScan, number);
    expect(verdict.name, verdict.text).toBe('posting_cancelled');
    await page.getByRole('button', { name: 'Understood' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/packing-cancelled.png` });
    await page.close();
  }, 120_000);

  it('a serial scanner behind a socat pty pair scans into the packing screen', async () => {
    const socat = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    socats.push(socat);
    const ptys = await new Promise<string[]>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`socat: ${text}`)), 5000);
      socat.stderr!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const found = [...text.matchAll(/PTY is (\/dev\/pts\/\d+)/g)].map((m) => m[1]!);
        if (found.length === 2) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    const [scannerEnd, writerEnd] = ptys as [string, string];
    const status = await call('scanners.saveSerial', {
      enabled: true,
      path: scannerEnd,
      baudRate: 9600,
    });
    expect(status.state).toBe('open');

    const page = await openPage();
    // Let the screen take its starting point before the scanner reads.
    await page.waitForTimeout(500);
    const [posting] = await postingsToPack(1, used);
    const number = posting!.postingNumber;
    used.add(number);
    const before = (await lastVerdict(page)).seq;
    const fd = openSync(writerEnd, 'w');
    writeSync(fd, `${number}\r\n`);
    closeSync(fd);
    await expect
      .poll(async () => (await lastVerdict(page)).seq, { timeout: 15_000 })
      .toBeGreaterThan(before);
    const verdict = await lastVerdict(page);
    expect(verdict.name, verdict.text).toBe('posting_opened');
    expect(verdict.text).toContain(number);
    await page
      .getByRole('region', { name: 'Recent scans' })
      .getByText('Serial scanner')
      .first()
      .waitFor();
    await call('packing.command', { command: 'skip' });
    await call('scanners.saveSerial', { enabled: false, path: null, baudRate: 9600 });
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
