import { describe, expect, test } from 'vitest';
import { computeMagnitude, SEED_MAGNITUDE } from '../../../../src/lib/calc/magnitude.ts';

describe('computeMagnitude', () => {
  test('reproduces the seed: 15T tokens ≈ 40–100 TB, 8B FP16 ≈ 16 GB, ratio ≥ 1000×', () => {
    const m = computeMagnitude(SEED_MAGNITUDE);
    expect(m.dataBytes[0]).toBeGreaterThanOrEqual(40e12);
    expect(m.dataBytes[1]).toBeLessThanOrEqual(100e12);
    expect(m.modelBytes).toBe(16e9);
    expect(m.ratio[0]).toBeGreaterThanOrEqual(1000);
  });
  test('bits of weights per training token: 8B × 16 bits / 15T ≈ 0.0085', () => {
    expect(computeMagnitude(SEED_MAGNITUDE).weightBitsPerToken).toBeCloseTo(0.008533, 5);
  });
  test('capacity at 2 and 3.6 bits per parameter: 2 GB and 3.6 GB for 8B parameters', () => {
    const [two, three] = computeMagnitude(SEED_MAGNITUDE).capacity;
    expect(two!.bytes).toBe(2e9);
    expect(three!.bytes).toBeCloseTo(3.6e9, -3);
    expect(two!.shareOfData).toBeCloseTo(2e9 / 45e12, 12);
  });
  test('a swapped bytes-per-token range is read low to high', () => {
    const m = computeMagnitude({ ...SEED_MAGNITUDE, bytesPerTokenLow: 6, bytesPerTokenHigh: 3 });
    expect(m.dataBytes).toEqual([45e12, 90e12]);
  });
  test('refuses zero tokens and zero parameters', () => {
    expect(() => computeMagnitude({ ...SEED_MAGNITUDE, tokens: 0 })).toThrow(RangeError);
    expect(() => computeMagnitude({ ...SEED_MAGNITUDE, parameters: 0 })).toThrow(RangeError);
    expect(() => computeMagnitude({ ...SEED_MAGNITUDE, bytesPerTokenLow: Number.NaN })).toThrow(RangeError);
  });
});
