import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { minPCount } from '../../../../src/lib/sampling/min-p.ts';
import { sortedProbsArb } from './arbitraries.ts';

describe('minPCount', () => {
  test('keeps exactly the tokens at least minP × the top probability', () => {
    fc.assert(
      fc.property(sortedProbsArb, fc.double({ min: 0.001, max: 1, noNaN: true }), (probs, m) => {
        const k = minPCount(probs, m);
        const expected = Math.max(1, probs.filter((p) => p >= probs[0] * m).length);
        expect(k).toBe(expected);
      }),
    );
  });
  test('0.1 on 0.6, 0.3, 0.07, 0.03 keeps the first three', () => {
    expect(minPCount([0.6, 0.3, 0.07, 0.03], 0.1)).toBe(3);
    expect(minPCount([0.6, 0.3, 0.07, 0.03], 0)).toBe(4);
  });
});
