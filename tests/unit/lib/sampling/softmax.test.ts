import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { logSumExp, softmax } from '../../../../src/lib/sampling/softmax.ts';
import { logitsArb, total } from './arbitraries.ts';

describe('softmax', () => {
  test('probabilities stay a distribution for any logits, huge or tiny', () => {
    fc.assert(
      fc.property(logitsArb, (logits) => {
        const p = softmax(logits);
        for (const x of p) expect(x >= 0 && x <= 1 && Number.isFinite(x)).toBe(true);
        expect(total(p)).toBeCloseTo(1, 9);
      }),
    );
  });

  test('does not overflow where a naive exp would', () => {
    const p = softmax([1000, 999, -1000]);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(p[1]).toBeCloseTo(Math.exp(-1) / (1 + Math.exp(-1)), 12);
    expect(p[2]).toBe(0);
  });

  test('is unchanged by adding a constant to every logit', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.double({ min: -100, max: 100, noNaN: true }), (logits, c) => {
        const a = softmax(logits);
        const b = softmax(logits.map((x) => x + c));
        a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 9));
      }),
    );
  });
});

describe('logSumExp', () => {
  test('matches the direct formula where that does not overflow', () => {
    expect(logSumExp([0, Math.log(3)])).toBeCloseTo(Math.log(4), 12);
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 9);
    expect(logSumExp([])).toBe(-Infinity);
  });
});
