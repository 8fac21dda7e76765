import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { NextTokenDistribution } from '../../../../src/lib/engine/types.ts';
import { reshapeDistribution } from '../../../../src/lib/sampling/distribution.ts';
import { DEFAULT_SETTINGS } from '../../../../src/lib/sampling/settings.ts';
import { logSumExp } from '../../../../src/lib/sampling/softmax.ts';
import { total } from './arbitraries.ts';

function dist(logits: number[], extraLse?: number): NextTokenDistribution {
  const sorted = [...logits].sort((a, b) => b - a);
  return {
    ids: Int32Array.from(sorted.map((_, i) => 100 + i)),
    logits: Float32Array.from(sorted),
    logSumExp: extraLse ?? logSumExp(Float32Array.from(sorted)),
  };
}

const settingsArb = fc.record({
  temperature: fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 2, noNaN: true })),
  topK: fc.integer({ min: 0, max: 60 }),
  topP: fc.double({ min: 0.05, max: 1, noNaN: true }),
  minP: fc.double({ min: 0, max: 0.5, noNaN: true }),
});

describe('reshapeDistribution', () => {
  test('what sampling uses is a distribution over the kept prefix', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 80 }), settingsArb, (logits, s) => {
        const r = reshapeDistribution(dist(logits), s);
        expect(r.kept).toBeGreaterThanOrEqual(1);
        expect(total(r.probs)).toBeCloseTo(1, 9);
        for (let i = r.kept; i < r.probs.length; i++) expect(r.probs[i]).toBe(0);
        expect(total(r.baseProbs)).toBeCloseTo(1, 5);
      }),
    );
  });

  test('default settings leave the model distribution as it is', () => {
    const r = reshapeDistribution(dist([3, 2, 1, 0]), DEFAULT_SETTINGS);
    expect(r.kept).toBe(4);
    expect(r.cutBy).toBeNull();
    r.probs.forEach((p, i) => expect(p).toBeCloseTo(r.baseProbs[i], 6));
  });

  test('temperature 0 keeps only the top token and calls it greedy', () => {
    const r = reshapeDistribution(dist([3, 2, 1]), { ...DEFAULT_SETTINGS, temperature: 0 });
    expect(r.kept).toBe(1);
    expect(r.cutBy).toBe('greedy');
    expect(r.probs[0]).toBe(1);
  });

  test('top-k then top-p on the renormalized survivors, as Hugging Face does', () => {
    // p ≈ 0.665, 0.245, 0.090 at T = 1: top-k 2 leaves 0.731, 0.269; top-p 0.7 then keeps one.
    const r = reshapeDistribution(dist([2, 1, 0]), { ...DEFAULT_SETTINGS, topK: 2, topP: 0.7 });
    expect(r.counts.topK).toBe(2);
    expect(r.counts.topP).toBe(1);
    expect(r.kept).toBe(1);
    expect(r.cutBy).toBe('topP');
  });

  test('a partial distribution reports the mass of the tokens it did not send', () => {
    // Two sent logits 0 and 0 and a log-sum-exp for four equal tokens: half the mass is unsent.
    const r = reshapeDistribution(dist([0, 0], Math.log(4)), DEFAULT_SETTINGS);
    expect(r.unsentMass).toBeCloseTo(0.5, 6);
    expect(r.baseEntropyBits).toBeCloseTo(1.5, 6);
    expect(total(r.probs)).toBeCloseTo(1, 9);
  });

  test('low temperature 0.05 never produces NaN', () => {
    const r = reshapeDistribution(dist([60, 10, -60]), { ...DEFAULT_SETTINGS, temperature: 0.05 });
    expect([...r.probs]).toEqual([1, 0, 0]);
  });
});
