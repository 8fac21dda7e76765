import { describe, expect, test } from 'vitest';
import { memorizationFindings, sentencesPerCell } from '../../../../src/islands/memorization/findings.ts';
import type { ExtractionRow } from '../../../../src/islands/memorization/probe.ts';

/** Rows from "extracted/total" per repetition count, most repeated first as eval.json writes them. */
function rows(byReps: Record<number, [number, number]>): ExtractionRow[] {
  return Object.entries(byReps)
    .map(([r, [extracted, total]]) => ({ repetitions: Number(r), extracted, total, rate: extracted / total }))
    .sort((a, b) => b.repetitions - a.repetitions);
}

// The committed evaluation of the built-in models (public/models/*/eval.json), six sentences a cell.
const committed = new Map<string, ExtractionRow[]>([
  ['tiny-s', rows({ 32: [5, 6], 16: [4, 6], 8: [3, 6], 4: [1, 6], 2: [0, 6], 1: [0, 6] })],
  ['tiny-m', rows({ 32: [5, 6], 16: [5, 6], 8: [6, 6], 4: [5, 6], 2: [3, 6], 1: [1, 6] })],
  ['tiny-l', rows({ 32: [5, 6], 16: [6, 6], 8: [6, 6], 4: [6, 6], 2: [5, 6], 1: [6, 6] })],
  ['rich-s', rows({ 32: [0, 6], 16: [0, 6], 8: [0, 6], 4: [0, 6], 2: [0, 6], 1: [0, 6] })],
  ['rich-m', rows({ 32: [0, 6], 16: [0, 6], 8: [0, 6], 4: [0, 6], 2: [0, 6], 1: [0, 6] })],
]);

describe('memorizationFindings', () => {
  test('says what six sentences a cell support, model by model', () => {
    const f = memorizationFindings(committed);
    expect(f.map((x) => x.kind)).toEqual(['repetition', 'repetition', 'even-once', 'none']);
    expect(f[0]).toMatchObject({ id: 'tiny-s', most: { repetitions: 32, k: 5, n: 6 }, once: { repetitions: 1, k: 0, n: 6 } });
    // The largest model's 6/6 on sentences seen once is not "always": at least 61 %.
    expect(f[2]).toMatchObject({ id: 'tiny-l', once: { k: 6, n: 6 } });
    if (f[2]!.kind === 'even-once') expect(f[2]!.once.lo).toBeCloseTo(0.61, 2);
    // Models that recite nothing are one finding, pooled over all their sentences.
    expect(f[3]).toMatchObject({ kind: 'none', ids: ['rich-s', 'rich-m'], n: 36 });
    if (f[3]!.kind === 'none') expect(f[3]!.upper).toBeCloseTo(0.096, 2);
  });

  test('a difference within the noise is called unclear, not a trend', () => {
    const f = memorizationFindings(new Map([['m', rows({ 32: [3, 6], 1: [1, 6] })]]));
    expect(f).toMatchObject([{ kind: 'unclear', id: 'm' }]);
  });

  test('enough sentences turn the same shares into a finding', () => {
    const f = memorizationFindings(new Map([['m', rows({ 32: [30, 60], 1: [10, 60] })]]));
    expect(f).toMatchObject([{ kind: 'repetition', id: 'm' }]);
  });

  test('empty columns give no finding', () => {
    expect(memorizationFindings(new Map([['m', []]]))).toEqual([]);
  });
});

describe('sentencesPerCell', () => {
  test('one count when every cell has it, else null', () => {
    expect(sentencesPerCell(committed)).toBe(6);
    expect(sentencesPerCell(new Map([['m', rows({ 32: [1, 6], 1: [1, 5] })]]))).toBeNull();
  });
});
