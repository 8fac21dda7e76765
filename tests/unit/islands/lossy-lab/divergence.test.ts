import { describe, expect, test } from 'vitest';
import { klBits, meanKlBits, probabilitiesById } from '../../../../src/islands/lossy-lab/divergence.ts';

describe('klBits', () => {
  test('is 0 for identical distributions and 1 bit for a certain vs a fair coin', () => {
    expect(klBits([0.5, 0.5], [0.5, 0.5])).toBe(0);
    expect(klBits([1, 0], [0.5, 0.5])).toBeCloseTo(1, 12);
  });
  test('stays finite when the model gives 0 to what the reference expects', () => {
    expect(Number.isFinite(klBits([1, 0], [0, 1]))).toBe(true);
    expect(klBits([1, 0], [0, 1])).toBeGreaterThan(30);
  });
});

describe('probabilitiesById', () => {
  test('places sorted candidates back by id', () => {
    const p = probabilitiesById({ ids: Int32Array.of(2, 0), logits: Float32Array.of(Math.log(3), 0), logSumExp: Math.log(4) }, 3);
    expect(Array.from(p).map((v) => Number(v.toFixed(6)))).toEqual([0.25, 0, 0.75]);
  });
});

describe('meanKlBits', () => {
  test('averages over positions', () => {
    const ref = [Float64Array.of(1, 0), Float64Array.of(0.5, 0.5)];
    const model = [Float64Array.of(0.5, 0.5), Float64Array.of(0.5, 0.5)];
    expect(meanKlBits(ref, model)).toBeCloseTo(0.5, 12);
    expect(meanKlBits([], [])).toBeNaN();
  });
});
