import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { argmax, temperatureProbs } from '../../../../src/lib/sampling/temperature.ts';
import { logitsArb, total } from './arbitraries.ts';

describe('temperatureProbs', () => {
  test('temperature 0 is a one-hot on the argmax', () => {
    fc.assert(
      fc.property(logitsArb, (logits) => {
        const p = temperatureProbs(logits, 0);
        expect(total(p)).toBe(1);
        expect(p[argmax(logits)]).toBe(1);
      }),
    );
  });

  test('temperature → 0 approaches the argmax', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 2, maxLength: 30 }),
        (logits) => {
          const sorted = [...logits].sort((a, b) => b - a);
          fc.pre(sorted[0] - sorted[1] > 0.05);
          const p = temperatureProbs(logits, 0.001);
          expect(p[argmax(logits)]).toBeGreaterThan(0.999);
        },
      ),
    );
  });

  test('0.05 stays finite with logits far apart', () => {
    const p = temperatureProbs([80, 40, -80], 0.05);
    expect([...p]).toEqual([1, 0, 0]);
  });

  test('higher temperature flattens: entropy-like spread grows', () => {
    const cold = temperatureProbs([2, 1, 0], 0.5);
    const hot = temperatureProbs([2, 1, 0], 2);
    expect(hot[0]).toBeLessThan(cold[0]);
    expect(hot[2]).toBeGreaterThan(cold[2]);
  });

  test('stays a distribution for any temperature', () => {
    fc.assert(
      fc.property(logitsArb, fc.double({ min: 0.01, max: 5, noNaN: true }), (logits, t) => {
        const p = temperatureProbs(logits, t);
        expect(total(p)).toBeCloseTo(1, 9);
      }),
    );
  });

  test('rejects a negative temperature', () => {
    expect(() => temperatureProbs([1], -1)).toThrow(RangeError);
  });
});
