/**
 * Numeric edges of the sampling pieces (#17 point 8), each defined as the limit of ordinary
 * values and tested: no NaN reaches a reader or the sampler.
 */
import { describe, expect, test } from 'vitest';
import { reshapeDistribution } from '../../../../src/lib/sampling/distribution.ts';
import { sampleIndex } from '../../../../src/lib/sampling/sample.ts';
import { softmax } from '../../../../src/lib/sampling/softmax.ts';
import { temperatureProbs } from '../../../../src/lib/sampling/temperature.ts';

const plain = { temperature: 1, topK: 0, topP: 1, minP: 0 };
const dist = (logits: number[], logSumExp: number) => ({ ids: Int32Array.from(logits, (_, i) => i), logits: Float32Array.from(logits), logSumExp });

describe('softmax', () => {
  test('+∞ logits share all the mass; finite ones get none', () => {
    expect(Array.from(softmax([Infinity, 0]))).toEqual([1, 0]);
    expect(Array.from(softmax([Infinity, 3, Infinity]))).toEqual([0.5, 0, 0.5]);
  });
  test('NaN logits get no mass; all −∞ is uniform', () => {
    expect(Array.from(softmax([Number.NaN, 0]))).toEqual([0, 1]);
    expect(Array.from(softmax([-Infinity, -Infinity]))).toEqual([0.5, 0.5]);
  });
});

describe('temperatureProbs', () => {
  test('the smallest positive temperature (5e-324) is the greedy limit, not NaN', () => {
    expect(Array.from(temperatureProbs([2, 1, -1], 5e-324))).toEqual([1, 0, 0]);
    expect(Array.from(temperatureProbs([1e300, -1e300], 5e-324))).toEqual([1, 0]);
    // Ties at the top share the mass, as they would at any small temperature.
    expect(Array.from(temperatureProbs([3, 3, 0], 5e-324))).toEqual([0.5, 0.5, 0]);
  });
  test('an infinite temperature is uniform over tokens with a finite logit; −∞ stays banned', () => {
    expect(Array.from(temperatureProbs([5, 0, -Infinity, -3], Infinity))).toEqual([1 / 3, 1 / 3, 0, 1 / 3]);
  });
  test('+∞ logits at any temperature take all the mass', () => {
    expect(Array.from(temperatureProbs([Infinity, 0], 0.7))).toEqual([1, 0]);
  });
  test('no probability is ever NaN, for any mix of extreme logits and temperatures', () => {
    const logits = [Infinity, -Infinity, Number.NaN, 1e308, -1e308, 0, 5e-324];
    for (const t of [5e-324, 1e-300, 0.05, 1, 1e300, Infinity]) {
      const p = temperatureProbs(logits, t);
      expect(p.every((v) => Number.isFinite(v) && v >= 0), `T=${t}`).toBe(true);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe('reshapeDistribution', () => {
  test('every logit −∞ (logSumExp −∞): unsentMass is 0 and base probabilities are uniform, not NaN', () => {
    const r = reshapeDistribution(dist([-Infinity, -Infinity], -Infinity), plain);
    expect(r.unsentMass).toBe(0);
    expect(Array.from(r.baseProbs)).toEqual([0.5, 0.5]);
    expect(Number.isFinite(r.baseEntropyBits)).toBe(true);
    expect(Array.from(r.probs)).toEqual([0.5, 0.5]);
  });
  test('a +∞ logit takes all the mass', () => {
    const r = reshapeDistribution(dist([Infinity, 0], Infinity), plain);
    expect(Array.from(r.baseProbs)).toEqual([1, 0]);
    expect(r.unsentMass).toBe(0);
  });
  test('ordinary top-k candidates keep their unsent tail', () => {
    const r = reshapeDistribution(dist([0, 0], Math.log(4)), plain);
    expect(r.unsentMass).toBeCloseTo(0.5, 12);
  });
});

describe('sampleIndex', () => {
  test('NaN, negative and infinite weights are refused, naming the weight', () => {
    expect(() => sampleIndex([0.5, Number.NaN], () => 0.1)).toThrow('weight 1 is NaN: weights must be finite and ≥ 0');
    expect(() => sampleIndex([0.5, -0.1, 1], () => 0.1)).toThrow('weight 1 is -0.1');
    expect(() => sampleIndex([Infinity, 1], () => 0.1)).toThrow('weight 0 is Infinity');
  });
  test('weights whose sum overflows still sample in proportion', () => {
    const huge = [Number.MAX_VALUE, Number.MAX_VALUE];
    expect(sampleIndex(huge, () => 0.25)).toBe(0);
    expect(sampleIndex(huge, () => 0.75)).toBe(1);
  });
  test('all-zero weights return index 0', () => {
    expect(sampleIndex([0, 0, 0], () => 0.5)).toBe(0);
  });
});
