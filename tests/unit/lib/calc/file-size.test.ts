import { describe, expect, test } from 'vitest';
import { weightFileBytes } from '../../../../src/lib/calc/file-size.ts';
import { isWeightFormat, WEIGHT_FORMATS } from '../../../../src/lib/calc/precision.ts';

describe('weightFileBytes', () => {
  test('reproduces the seed: 8B parameters in FP16 ≈ 16 GB', () => {
    expect(weightFileBytes(8e9, 'fp16')).toBe(16e9);
  });
  test('4-bit with one fp16 scale per 32 weights costs 4.5 bits per weight', () => {
    expect(weightFileBytes(32, 'q4')).toBe(18);
  });
  test('GGUF Q4_0 stores 32 weights in 18 bytes; Q4_K_M averages 4.84 bits', () => {
    expect(weightFileBytes(32, 'q4_0')).toBe(18);
    expect(weightFileBytes(1e9, 'q4_k_m')).toBeCloseTo(0.605e9, -3);
  });
  test('FP32 is twice FP16, and INT8 half of FP16', () => {
    expect(weightFileBytes(1e9, 'fp32')).toBe(2 * weightFileBytes(1e9, 'fp16'));
    expect(weightFileBytes(1e9, 'int8')).toBe(weightFileBytes(1e9, 'fp16') / 2);
  });
  test('rejects zero, negative, NaN and absurd counts', () => {
    for (const bad of [0, -1, Number.NaN, Infinity, 1e15]) {
      expect(() => weightFileBytes(bad, 'fp32')).toThrow(RangeError);
    }
  });
});

describe('isWeightFormat', () => {
  test('accepts the known formats only', () => {
    for (const f of Object.keys(WEIGHT_FORMATS)) expect(isWeightFormat(f)).toBe(true);
    for (const f of ['fp8', '', 'toString', 3]) expect(isWeightFormat(f)).toBe(false);
  });
});
