import { describe, expect, test } from 'vitest';
import { weightFileBytes } from '../../../../src/lib/calc/file-size.ts';

describe('weightFileBytes', () => {
  test('reproduces the seed: 8B parameters in FP16 ≈ 16 GB', () => {
    expect(weightFileBytes(8e9, 'fp16')).toBe(16e9);
  });
  test('4-bit with one fp16 scale per 32 weights costs 4.5 bits per weight', () => {
    expect(weightFileBytes(32, 'q4')).toBe(18);
  });
  test('rejects zero, negative, NaN and absurd counts', () => {
    for (const bad of [0, -1, Number.NaN, Infinity, 1e15]) {
      expect(() => weightFileBytes(bad, 'fp32')).toThrow(RangeError);
    }
  });
});
