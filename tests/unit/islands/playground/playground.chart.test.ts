/** The chart's bars, its tail and the continuation text, from numbers alone. */
import { describe, expect, test } from 'vitest';
import { chartRows, chartTail, continuationText, isUntouched } from '../../../../src/islands/playground/playground.chart.ts';
import { reshapeDistribution } from '../../../../src/lib/sampling/distribution.ts';
import { DEFAULT_SETTINGS } from '../../../../src/lib/sampling/settings.ts';

const logits = [3, 2, 1, 0];
const lse = Math.log(logits.reduce((s, l) => s + Math.exp(l), 0));
const full = { ids: Int32Array.from([10, 11, 12, 13]), logits: Float32Array.from(logits), logSumExp: lse };
const texts = new Map([[10, ' Paris'], [11, ' a']]);

describe('playground chart', () => {
  test('rows carry rank, text (empty until known), both probabilities and whether the settings kept them', () => {
    const r = reshapeDistribution(full, { ...DEFAULT_SETTINGS, topK: 2 });
    const rows = chartRows(r, texts, 3);
    expect(rows.map((x) => [x.rank, x.id, x.text, x.kept])).toEqual([[1, 10, ' Paris', true], [2, 11, ' a', true], [3, 12, '', false]]);
    expect(rows[0].baseProb).toBeCloseTo(Math.exp(3 - lse), 9);
    expect(rows[2].prob).toBe(0);
    expect(chartRows(r, texts, 10)).toHaveLength(4);
  });

  test('the tail is the rest of the vocabulary, and includes what a real model did not send', () => {
    const r = reshapeDistribution(full, DEFAULT_SETTINGS);
    const shown = chartTail(r, 2, 4);
    expect(shown.count).toBe(2);
    expect(shown.baseMass).toBeCloseTo((Math.exp(1) + 1) / Math.exp(lse), 9);
    // Only the top two sent, out of a vocabulary of 1000: the rest is unsent mass.
    const sent = { ids: full.ids.subarray(0, 2), logits: full.logits.subarray(0, 2), logSumExp: lse };
    const t = chartTail(reshapeDistribution(sent, DEFAULT_SETTINGS), 15, 1000);
    expect(t.count).toBe(998);
    expect(t.baseMass).toBeCloseTo((Math.exp(1) + 1) / Math.exp(lse), 9);
    expect(t.mass).toBeCloseTo(0, 9);
  });

  test('untouched only with neutral settings and the whole distribution sent', () => {
    expect(isUntouched(DEFAULT_SETTINGS, reshapeDistribution(full, DEFAULT_SETTINGS))).toBe(true);
    expect(isUntouched({ ...DEFAULT_SETTINGS, topP: 0.9 }, null)).toBe(false);
    const sent = { ids: full.ids.subarray(0, 2), logits: full.logits.subarray(0, 2), logSumExp: lse };
    expect(isUntouched(DEFAULT_SETTINGS, reshapeDistribution(sent, DEFAULT_SETTINGS))).toBe(false);
  });

  test('the continuation is the text after the prompt; split characters show their bytes, or ⟨?⟩ when unknown', () => {
    expect(continuationText('ab', 'abcd', [2, 3], new Map(), new Map())).toBe('cd');
    // 法 is e6 b3 95: one token holds e6 b3, the next 95 and nothing else yet.
    const partial = new Map([[1, '\uFFFD'], [2, '\uFFFD']]);
    const bytes = new Map([[1, Uint8Array.from([0xe6, 0xb3])], [2, Uint8Array.from([0x95])]]);
    expect(continuationText('x', 'x法', [1, 2], partial, bytes)).toBe('法');
    expect(continuationText('x', 'x\uFFFD', [1], partial, bytes)).toBe('⟨e6 b3⟩');
    expect(continuationText('x', 'x\uFFFD', [1], partial, new Map())).toBe('⟨?⟩');
  });
});
