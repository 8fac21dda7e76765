import { describe, expect, test } from 'vitest';
import { entropyBits } from '../../../../src/lib/sampling/entropy.ts';

describe('entropyBits', () => {
  test('a fair coin is 1 bit, a sure thing 0, uniform over 8 is 3', () => {
    expect(entropyBits([0.5, 0.5])).toBe(1);
    expect(entropyBits([1, 0, 0])).toBe(0);
    expect(entropyBits(new Array(8).fill(1 / 8))).toBeCloseTo(3, 12);
  });
});
