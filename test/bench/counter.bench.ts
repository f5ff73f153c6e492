import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { createConsoleLogger } from '../../electron/core/logging/logger';
import { counterRepo } from '../../electron/core/counter/counter.repo';
import { classifyScan } from '../../shared/domain/scan';
import { ADMIN, tempDir } from '../support/core-fixture';
import { figure, percentile } from './figures';
import { seedPostings } from './seed-postings';

/**
 * `npm run bench`, the packing counter's figures at 1,000,000 postings:
 * - posting lookup by posting number, order number, our package label and the marketplace
 *   label barcode (the scanned text classified, then found) — goal p99 under 5 ms;
 * - `packing.scan` through the core's API registry (session check, verdict, scan log, audit,
 *   one transaction each): opening postings, ticking items, refusing wrong ones, completing.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('counter benchmarks', () => {
  it('posting lookup and packing.scan at 1,000,000 postings', async () => {
    const dir = tempDir('packdesk-bench-counter-');
    dirs.push(dir);
    const seeded = seedPostings(join(dir, 'shop.sqlite'), { count: 1_000_000 });
    figure('counter.fill_1m.seconds', seeded.fillSeconds.toFixed(1), 's');

    const clock = { now: Date.UTC(2026, 10, 30, 9) };
    const core = await createCore({
      dataDir: dir,
      log: createConsoleLogger('bench', 'silent'),
      secretKey: randomBytes(32),
      now: () => clock.now,
    });
    try {
      // A real sealed key for the account: completions start a push, which finds nobody
      // listening on port 9 and leaves the ship in the outbox, as offline.
      core.services.sqlite
        .prepare('UPDATE accounts SET api_key_sealed = ? WHERE id = 1')
        .run(core.services.secrets.seal('bench-key-0000'));
      const repo = counterRepo(core.services.sqlite);
      const lookups = {
        posting_number: (s: (typeof seeded.samples)[number]) => s.postingNumber,
        order_number: (s: (typeof seeded.samples)[number]) => s.orderNumber,
        package_label: (s: (typeof seeded.samples)[number]) => `PD1:${s.postingNumber}:1`,
        marketplace_label: (s: (typeof seeded.samples)[number]) => s.labelBarcode,
      };
      for (const [name, codeOf] of Object.entries(lookups)) {
        const timings: number[] = [];
        for (let round = 0; round < 2; round++) {
          for (const sample of seeded.samples) {
            const code = codeOf(sample);
            const t = performance.now();
            const cls = classifyScan(code);
            const found =
              cls.kind === 'posting' && cls.postingNumber === null
                ? repo.postingsByOrder(cls.orderNumber)
                : cls.kind === 'posting' || cls.kind === 'package_label'
                  ? repo.postingsByNumber(cls.postingNumber!)
                  : cls.kind === 'marketplace_label'
                    ? repo.postingsByLabelBarcode(cls.code)
                    : [];
            timings.push(performance.now() - t);
            if (found[0]?.posting_number !== sample.postingNumber) {
              throw new Error(`${name}: ${code} did not find ${sample.postingNumber}`);
            }
          }
        }
        figure(`counter.lookup_1m.${name}.p50`, percentile(timings, 50).toFixed(3), 'ms');
        figure(`counter.lookup_1m.${name}.p99`, percentile(timings, 99).toFixed(3), 'ms');
      }

      const call = async (method: string, input: unknown, token: string | null = null) => {
        const result = await core.registry.call(method, input, { token, origin: 'bench' });
        if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
        return result.data as { verdict: string; token: string };
      };
      const token = (await call('setup.createShop', ADMIN)).token;
      const scan = async (code: string, timings: number[], expected: string) => {
        const t = performance.now();
        const result = await call('packing.scan', { code, source: 'keyboard' }, token);
        timings.push(performance.now() - t);
        if (result.verdict !== expected)
          throw new Error(`${code}: ${result.verdict}, not ${expected}`);
      };
      const toPack = seeded.samples.filter((s) => s.status === 'to_pack');
      const opens: number[] = [];
      const ticks: number[] = [];
      const wrongs: number[] = [];
      const completes: number[] = [];
      const all: number[] = [];
      for (const [i, sample] of toPack.entries()) {
        clock.now += 1_000;
        await scan(sample.postingNumber, opens, 'posting_opened');
        const other = seeded.productBarcodes.find((b) => b !== sample.itemBarcode)!;
        await scan(other, wrongs, 'wrong_item');
        await scan(sample.itemBarcode, ticks, 'item_ok');
        // Every other one is completed: its ship action queued, the rest stay set aside.
        if (i % 2 === 0) await scan('PDCMD:COMPLETE', completes, 'completed');
      }
      all.push(...opens, ...ticks, ...wrongs, ...completes);
      figure('counter.scan_1m.samples', all.length, 'scans');
      for (const [name, timings] of Object.entries({ opens, ticks, wrongs, completes, all })) {
        figure(`counter.scan_1m.${name}.p50`, percentile(timings, 50).toFixed(2), 'ms');
        figure(`counter.scan_1m.${name}.p99`, percentile(timings, 99).toFixed(2), 'ms');
      }
    } finally {
      await core.close();
    }
  });
});
