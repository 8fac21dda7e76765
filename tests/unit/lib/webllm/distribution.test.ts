import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { logSumExp, rankOf, topCandidates } from '../../../../src/lib/webllm/distribution.ts';

describe('topCandidates', () => {
  test('equals a full sort (ties: lower id first) for any logits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (values, k) => {
          const logits = Float32Array.from(values, (v) => v / 4);
          const expected = Array.from(logits, (v, i) => [v, i] as const)
            .sort((a, b) => b[0] - a[0] || a[1] - b[1])
            .slice(0, k);
          const top = topCandidates(logits, k);
          expect(Array.from(top.ids)).toEqual(expected.map((e) => e[1]));
          expect(Array.from(top.logits)).toEqual(expected.map((e) => e[0]));
        },
      ),
    );
  });

  test('the tail’s probability mass is recoverable from logSumExp', () => {
    const logits = Float32Array.from({ length: 50_000 }, (_, i) => Math.sin(i) * 10);
    const top = topCandidates(logits, 10);
    const topMass = Array.from(top.logits).reduce((s, l) => s + Math.exp(l - top.logSumExp), 0);
    let total = 0;
    for (const l of logits) total += Math.exp(l);
    expect(Math.exp(top.logSumExp)).toBeCloseTo(total, -1);
    expect(topMass).toBeGreaterThan(0);
    expect(topMass).toBeLessThan(1);
  });
});

describe('logSumExp', () => {
  test('does not overflow for logits in the thousands', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 10);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
  });
});

describe('rankOf', () => {
  test('1 for the top token, counts only strictly higher logits', () => {
    expect(rankOf([0.1, 3, 2, 3], 1)).toBe(1);
    expect(rankOf([0.1, 3, 2, 3], 2)).toBe(3);
    expect(rankOf([0.1, 3, 2, 3], 0)).toBe(4);
  });
});
