import BetterSqlite3 from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, it } from 'vitest';
import { startSandbox } from '../../electron/core/sandbox/index';
import { commandBarcode } from '../../shared/domain/scan';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/core-fixture';
import { api, createShopOverHttp, startStationProcess } from '../support/station-process';
import { figure, percentile } from './figures';

/**
 * Scan-to-verdict latency at the packing counter, in Chromium against the built station with
 * 1,000,000 postings in its database: from the scanner's last key (the Enter keydown, seen by a
 * capture listener installed before the app's own) to the frame after the verdict banner changed
 * (MutationObserver, then requestAnimationFrame). Scans cycle posting → item → skip command, so
 * every one is a real lookup and a real write.
 */
const N = 1_000_000;
const SCANS = 240;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function waitForSeq(page: Page, after: number) {
  await page.waitForFunction(
    (previous) =>
      Number(document.querySelector('[data-verdict]')?.getAttribute('data-seq') ?? 0) > previous,
    after,
    { timeout: 30_000, polling: 5 },
  );
}

describe('packing counter latency', () => {
  it('scan to verdict painted, 1,000,000 postings', async () => {
    const dataDir = tempDir('packdesk-bench-scan-');
    dirs.push(dataDir);
    const sandbox = await startSandbox({ port: 0, seed: 99, clock: 'real' });
    let station = await startStationProcess(dataDir);
    const token = await createShopOverHttp(station);
    const call = async (method: string, input: unknown) => {
      const { body } = await api(station.url, method, input, token);
      if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
      return body.data;
    };
    const { id: accountId } = await call('accounts.connectOzon', {
      name: 'Sandbox',
      clientId: sandbox.clientId,
      apiKey: sandbox.apiKey,
      baseUrl: sandbox.url,
    });
    for (let attempt = 0; ; attempt++) {
      await call('accounts.syncNow', { accountId });
      if ((await call('postings.search', { limit: 10 })).items.length >= 10) break;
      if (attempt > 60) throw new Error('the sandbox postings did not arrive');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await station.stop();

    // A million more postings to pack, each with one or two of the synced products.
    const sqlite = new BetterSqlite3(join(dataDir, 'shop.sqlite'));
    const products = sqlite
      .prepare('SELECT sku, offer_id, name FROM products WHERE account_id = ? LIMIT 200')
      .all(accountId) as { sku: string; offer_id: string; name: string }[];
    if (products.length < 10) throw new Error('no products synced');
    const insertPosting = sqlite.prepare(
      `INSERT INTO postings (account_id, posting_number, order_number, order_id, status, marketplace_status, marketplace_substatus,
        in_process_at, shipment_date, changed_at, warehouse_id, delivery_method, tracking_number, cancel_reason, item_count, raw, synced_at)
       VALUES (?, ?, ?, ?, 'to_pack', 'awaiting_packaging', '', ?, ?, ?, '1020005003107121000', 'Ozon Логистика', '', NULL, ?, '{}', 0)`,
    );
    const insertItem = sqlite.prepare(
      `INSERT INTO posting_items (posting_id, line, sku, offer_id, name, quantity, price_minor, currency)
       VALUES (?, ?, ?, ?, ?, 1, 10000, 'RUB')`,
    );
    const sample: { number: string; sku: string }[] = [];
    const start = Date.now() - 30 * 24 * 3_600_000;
    const filled = performance.now();
    const batch = sqlite.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const order = `${String(7_000_000_000 + i)}-${String(i % 10_000).padStart(4, '0')}`;
        const number = `${order}-1`;
        const lines = (i % 2) + 1;
        const at = start + i * 2_000;
        const { lastInsertRowid } = insertPosting.run(
          accountId,
          number,
          order,
          String(80_000_000_000 + i),
          at,
          at + 86_400_000,
          at,
          lines,
        );
        for (let line = 0; line < lines; line++) {
          const product = products[(i + line * 7) % products.length]!;
          insertItem.run(lastInsertRowid, line + 1, product.sku, product.offer_id, product.name);
        }
        if (i % 4_001 === 0) sample.push({ number, sku: products[i % products.length]!.sku });
      }
    });
    for (let i = 0; i < N; i += 50_000) batch(i, i + 50_000);
    const count = (sqlite.prepare('SELECT count(*) AS n FROM postings').get() as { n: number }).n;
    sqlite.close();
    figure('packing.fill_1m.seconds', ((performance.now() - filled) / 1000).toFixed(1), 's');
    if (count < N) throw new Error(`only ${count} postings`);

    station = await startStationProcess(dataDir);
    // The same scan over the API first: the core's share of the latency, without the browser.
    const apiTimes: number[] = [];
    for (const { number, sku } of sample.slice(0, 20)) {
      for (const input of [
        { code: number, source: 'screen' },
        { code: sku, source: 'screen' },
        { code: commandBarcode('skip'), source: 'screen' },
      ]) {
        const started = performance.now();
        await call('packing.scan', input);
        apiTimes.push(performance.now() - started);
      }
    }
    figure('packing.scan_api_1m.p50', percentile(apiTimes, 50).toFixed(1), 'ms');
    figure('packing.scan_api_1m.max', Math.max(...apiTimes).toFixed(1), 'ms');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
      await page.addInitScript(
        ({ value }) => {
          localStorage.setItem('packdesk.token', value);
          // See packing.e2e.ts: the harness's key pacing, not a scanner's, needs the slack.
          localStorage.setItem('packdesk.scanner', JSON.stringify({ maxGapMs: 90 }));
          const w = window as unknown as { __latencies: number[]; __enterAt: number };
          w.__latencies = [];
          w.__enterAt = 0;
          // Registered before the app's listeners, in the capture phase: the scan's last key.
          window.addEventListener(
            'keydown',
            (event) => {
              if (event.code === 'Enter') w.__enterAt = performance.now();
            },
            { capture: true },
          );
          new MutationObserver((records) => {
            if (!records.some((record) => record.attributeName === 'data-seq')) return;
            const from = w.__enterAt;
            requestAnimationFrame(() => w.__latencies.push(performance.now() - from));
          }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-seq'] });
        },
        { value: token },
      );
      await page.goto(`${station.url}/#/packing`);
      await page.getByRole('heading', { name: 'Packing' }).waitFor();
      await page.waitForSelector('[data-verdict]');

      let seq = 0;
      for (let i = 0; seq < SCANS; i++) {
        const { number, sku } = sample[i % sample.length]!;
        for (const code of [number, sku, commandBarcode('skip')]) {
          await page.keyboard.type(code, { delay: 5 });
          await page.keyboard.press('Enter');
          await waitForSeq(page, seq);
          seq += 1;
        }
      }
      await page.waitForTimeout(100);
      const latencies = await page.evaluate(
        () => (window as unknown as { __latencies: number[] }).__latencies,
      );
      const verdicts = await page.evaluate(() =>
        document.querySelector('[data-verdict]')?.getAttribute('data-verdict'),
      );
      if (latencies.length < SCANS) throw new Error(`only ${latencies.length} verdicts measured`);
      if (verdicts !== 'skipped') throw new Error(`last verdict ${verdicts}`);
      figure('packing.scan_to_verdict_1m.scans', latencies.length, 'scans');
      figure('packing.scan_to_verdict_1m.p50', percentile(latencies, 50).toFixed(1), 'ms');
      figure('packing.scan_to_verdict_1m.p99', percentile(latencies, 99).toFixed(1), 'ms');
    } finally {
      await browser.close();
      await station.stop();
      await sandbox.close();
    }
  });
});
