import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../../../src/lib/sampling/rng.ts';
import { sampleIndex } from '../../../../src/lib/sampling/sample.ts';
import { sortedProbsArb } from './arbitraries.ts';

describe('sampleIndex', () => {
  test('the same seed gives the same draw', () => {
    fc.assert(
      fc.property(sortedProbsArb, fc.integer({ min: 0, max: 0xffffffff }), (probs, seed) => {
        expect(sampleIndex(probs, mulberry32(seed))).toBe(sampleIndex(probs, mulberry32(seed)));
      }),
    );
  });

  test('never returns a token with zero probability or outside the kept count', () => {
    fc.assert(
      fc.property(sortedProbsArb, fc.integer({ min: 1, max: 64 }), fc.double({ min: 0, max: 0.9999999, noNaN: true }), (probs, count, u) => {
        const i = sampleIndex(probs, () => u, count);
        expect(i).toBeLessThan(Math.min(count, probs.length));
        if (probs.slice(0, count).some((p) => p > 0)) expect(probs[i]).toBeGreaterThan(0);
      }),
    );
  });

  test('frequencies follow the probabilities', () => {
    const probs = [0.6, 0.3, 0.1];
    const rng = mulberry32(1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[sampleIndex(probs, rng)]++;
    counts.forEach((c, i) => expect(c / 30_000).toBeCloseTo(probs[i], 1));
  });

  test('a count of 1 is greedy', () => {
    expect(sampleIndex([0.2, 0.8], () => 0.99, 1)).toBe(0);
  });
});
