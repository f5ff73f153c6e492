import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidGtin } from '../../shared/lib/barcodes';
import { buildProducts } from '../../electron/core/sandbox/seed-data';
import { openSandbox, SINCE, UNTIL } from './client';

const START = Date.UTC(2026, 4, 14);

describe('seeded data', () => {
  it('is the same for the same seed over HTTP, and different for another seed', async () => {
    const snapshot = async (seed: number) => {
      const { sandbox, call } = await openSandbox({ seed });
      sandbox.control.advanceClock(3 * 3_600_000);
      const products = await call('/v3/product/list', { limit: 1000 });
      const ids = products.body.result.items.slice(0, 50).map((i: any) => String(i.product_id));
      const info = await call('/v3/product/info/list', { product_id: ids });
      const postings = await call('/v4/posting/fbs/list', {
        filter: { since: SINCE, to: UNTIL },
        limit: 100,
        with: { barcodes: true, financial_data: true },
      });
      await sandbox.close();
      // Picture URLs carry the port, which differs between the two sandboxes.
      return [products.text, info.text.replaceAll(sandbox.url, ''), postings.text];
    };
    const a = await snapshot(42);
    expect(await snapshot(42)).toEqual(a);
    const other = await snapshot(43);
    expect(other[0]).not.toBe(a[0]);
    expect(other[2]).not.toBe(a[2]);
  });

  it('has valid, unique EAN-13 barcodes and stable products for any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const products = buildProducts(seed, START);
        const barcodes = products.flatMap((p) => p.barcodes);
        expect(barcodes.every((code) => code.length === 13 && isValidGtin(code))).toBe(true);
        expect(new Set(barcodes).size).toBe(barcodes.length);
        expect(new Set(products.map((p) => p.offerId)).size).toBe(products.length);
        expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
        expect(products.every((p) => Number.isSafeInteger(p.sku) && p.priceMinor > 0)).toBe(true);
        expect(buildProducts(seed, START)).toEqual(products);
      }),
      { numRuns: 25 },
    );
  });

  it('names products in Russian and English', () => {
    const names = buildProducts(1, START).map((p) => p.name);
    expect(names.some((n) => /[а-я]/i.test(n))).toBe(true);
    expect(names.some((n) => /^[A-Za-z]/.test(n))).toBe(true);
  });
});
