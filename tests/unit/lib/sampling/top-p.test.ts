import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { topPCount } from '../../../../src/lib/sampling/top-p.ts';
import { sortedProbsArb, total } from './arbitraries.ts';

describe('topPCount', () => {
  test('keeps the smallest set with mass ≥ p', () => {
    fc.assert(
      fc.property(sortedProbsArb, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (probs, p) => {
        const k = topPCount(probs, p);
        expect(k).toBeGreaterThanOrEqual(1);
        // Either the kept set reaches p, or it is everything (rounding left the sum just short).
        expect(total(probs, k) >= p || k === probs.length).toBe(true);
        // One fewer would not have reached p.
        expect(total(probs, k - 1)).toBeLessThan(p);
      }),
    );
  });

  test('the seed-style example: 0.5, 0.3, 0.2 with p = 0.8 keeps two', () => {
    expect(topPCount([0.5, 0.3, 0.2], 0.8)).toBe(2);
    expect(topPCount([0.5, 0.3, 0.2], 0.81)).toBe(3);
    expect(topPCount([0.5, 0.3, 0.2], 0.5)).toBe(1);
  });

  test('p = 1 keeps everything even when the sum is a hair under 1', () => {
    expect(topPCount([0.3, 0.3, 0.3999999], 1)).toBe(3);
  });
});
