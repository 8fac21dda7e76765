import { describe, expect, test } from 'vitest';
import { learningRate } from '../../../../src/lib/train/adam.ts';

describe('learningRate', () => {
  test('warms up linearly, peaks, then decays to a tenth', () => {
    expect(learningRate(0, 100, 1, 10)).toBeCloseTo(0.1);
    expect(learningRate(9, 100, 1, 10)).toBeCloseTo(1);
    expect(learningRate(55, 100, 1, 10)).toBeLessThan(1);
    expect(learningRate(100, 100, 1, 10)).toBeCloseTo(0.1);
  });
});
