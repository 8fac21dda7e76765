import { describe, expect, test } from 'vitest';
import {
  dataToModelRatio,
  knowledgeCapacityBytes,
  MEASURED_BYTES_PER_TOKEN,
  trainingDataBytes,
  weightBitsPerToken,
} from '../../../../src/lib/calc/training-data.ts';

describe('trainingDataBytes', () => {
  test('15T tokens of English at about 4.5 bytes each is 67.5 TB', () => {
    expect(trainingDataBytes(15e12, MEASURED_BYTES_PER_TOKEN.en.o200k)).toBe(67.5e12);
  });
  test('refuses zero, negative, non-finite and absurd inputs', () => {
    for (const [t, b] of [[0, 4], [-1, 4], [1e16, 4], [1e12, 0], [1e12, 1000], [Number.NaN, 4], [1e12, Infinity]]) {
      expect(() => trainingDataBytes(t!, b!)).toThrow(RangeError);
    }
  });
});

describe('ratios and capacity', () => {
  test('Llama 2 7B: 2.0T tokens × 4 bytes against 13.5 GB of FP16 weights is about 600×', () => {
    expect(dataToModelRatio(2e12 * 4, 6_738_415_616 * 2)).toBeCloseTo(593.6, 0);
  });
  test('bits per token and bytes of knowledge', () => {
    expect(weightBitsPerToken(1e9, 16, 1e12)).toBe(0.016);
    expect(knowledgeCapacityBytes(1e9, 2)).toBe(2.5e8);
  });
});
