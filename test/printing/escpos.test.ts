import { describe, expect, it } from 'vitest';
import { EscPosBuilder } from '../../electron/core/devices/printer/escpos';
import { readEscPos } from '../peers/escpos-reader';

describe('ESC/POS builder (node-thermal-printer)', () => {
  it('prints a character the code page lacks as ? and stays on the configured table', () => {
    const bytes = new EscPosBuilder('cp866').line('Склад 漢字 é').line('next').bytes();
    const doc = readEscPos(bytes);
    expect(doc.codePage).toBe(17);
    expect(doc.lines.map((l) => l.text)).toEqual(['Склад ?? ?', 'next']);
    // Exactly one table selection (`ESC t`), the one at the start: no switch for the CJK text.
    expect(bytes.toString('latin1').split('\x1bt').length - 1).toBe(1);
  });

  it('writes alignment, emphasis and size that read back on the line', () => {
    const doc = readEscPos(
      new EscPosBuilder('pc437').align('right').bold(true).size(2, 3).line('BIG').bytes(),
    );
    expect(doc.lines).toEqual([
      { text: 'BIG', align: 'right', bold: true, size: { width: 2, height: 3 } },
    ]);
  });

  it('writes CODE128 set B with a literal brace, its settings and the text below', () => {
    const doc = readEscPos(
      new EscPosBuilder('pc437').code128('A{1}-2', { moduleWidth: 9, heightDots: 60 }).bytes(),
    );
    expect(doc.barcodes).toEqual([
      { type: 73, data: 'A{1}-2', hri: 2, height: 60, moduleWidth: 6 },
    ]);
    expect(() => new EscPosBuilder('pc437').code128('x'.repeat(254))).toThrow(/too long/);
    expect(() => new EscPosBuilder('pc437').code128('Склад')).toThrow(/printable ASCII/);
  });

  it('feeds to the cutter before the partial cut (GS V 66), without resetting the printer', () => {
    const bytes = new EscPosBuilder('pc437').line('x').feed(3).cut().bytes();
    expect(readEscPos(bytes)).toMatchObject({ cuts: 1, feeds: 3 });
    expect([...bytes.subarray(-4)]).toEqual([0x1d, 0x56, 66, 3]);
  });
});
