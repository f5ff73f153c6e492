import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SCAN_LENGTH } from '../../shared/domain/scan';
import {
  DISPATCH_VERDICTS,
  SCAN_VERDICT_TONE,
  SCAN_VERDICTS,
} from '../../shared/schemas/packing.schema';
import { createCounterFixture, type CounterFixture } from './counter-fixture';

const LIMIT = MAX_SCAN_LENGTH * 4;
const controls = fc.string({
  unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
const known = fc.constantFrom(
  'PD1:',
  'PDCMD:',
  'PDCMD:COMPLETE',
  'PDCMD:UNDO',
  'PDCMD:NEW_PACKAGE',
  'PDCMD:SKIP',
  ']C1',
  ']E0',
  '\u001d',
  '01',
  '-0001-1',
  '4006381333931',
  '710031550000000',
);
/** Anything a scanner, a stuck key or a paste could deliver, and pieces of real codes. */
const anyInput = fc.oneof(
  fc.string({ maxLength: 600 }),
  fc.string({ unit: 'binary', maxLength: 600 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  controls,
  fc
    .array(fc.oneof(known, fc.stringMatching(/^\d{1,15}$/), controls), { maxLength: 6 })
    .map((parts) => parts.join('')),
  fc.integer({ min: MAX_SCAN_LENGTH - 2, max: LIMIT }).map((n) => '9'.repeat(n)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

/**
 * Random input at the packing and dispatch scan handlers of a real core: never an exception,
 * never an internal error, every input within the contract's length gets a verdict.
 */
describe('scan handlers with random input', () => {
  let fx: CounterFixture;
  let batchId: number;

  beforeAll(async () => {
    fx = await createCounterFixture(81, 20);
    const [posting] = await fx.toPack();
    await fx.scan(posting!.postingNumber);
    batchId = (await fx.call('dispatch.open', { carrier: 'Any carrier' }, fx.token)).id;
  }, 60_000);
  afterAll(() => fx.dispose());

  it('packing.scan answers every input with a verdict and its tone', async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (code) => {
        const result = await fx.core.registry.call(
          'packing.scan',
          { code, source: 'serial' },
          { token: fx.token, origin: 'test' },
        );
        if (code.length > LIMIT) {
          expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
          return;
        }
        if (!result.ok) throw new Error(`${JSON.stringify(code)}: ${JSON.stringify(result.error)}`);
        const data = result.data as { verdict: (typeof SCAN_VERDICTS)[number]; tone: string };
        expect(SCAN_VERDICTS).toContain(data.verdict);
        expect(data.tone).toBe(SCAN_VERDICT_TONE[data.verdict]);
      }),
      { numRuns: 400, seed: 20261130 },
    );
    // Every one of them is in the scan log, with its verdict.
    const logged = await fx.core.services.db
      .selectFrom('pack_scans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(logged.n).toBeGreaterThanOrEqual(400 * 0.9);
  }, 120_000);

  it('dispatch.scan answers every input with a verdict', async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (code) => {
        const result = await fx.core.registry.call(
          'dispatch.scan',
          { batchId, code, source: 'keyboard' },
          { token: fx.token, origin: 'test' },
        );
        if (code.length > LIMIT) {
          expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
          return;
        }
        if (!result.ok) throw new Error(`${JSON.stringify(code)}: ${JSON.stringify(result.error)}`);
        expect(DISPATCH_VERDICTS).toContain((result.data as { verdict: string }).verdict);
      }),
      { numRuns: 400, seed: 20261130 },
    );
  }, 120_000);

  it('refuses input over the contract length as invalid input, not as a crash', async () => {
    const huge = 'x'.repeat(LIMIT + 1);
    expect((await fx.fail('packing.scan', { code: huge, source: 'keyboard' }, fx.token)).code).toBe(
      'invalid_input',
    );
  });
});
