import { describe, expect, test } from 'vitest';
import { inferenceMemory } from '../../../../src/lib/calc/inference-memory.ts';

describe('inferenceMemory', () => {
  test('adds weights, KV cache and 20% of the weights as overhead', () => {
    expect(inferenceMemory(16e9, 1e9)).toEqual({ weights: 16e9, kvCache: 1e9, overhead: 3.2e9, total: 20.2e9 });
  });
  test('the overhead is adjustable, and zero is allowed', () => {
    expect(inferenceMemory(10, 5, 0).total).toBe(15);
  });
  test('refuses negative or non-finite inputs', () => {
    expect(() => inferenceMemory(-1, 0)).toThrow(RangeError);
    expect(() => inferenceMemory(1, Number.NaN)).toThrow(RangeError);
  });
});
