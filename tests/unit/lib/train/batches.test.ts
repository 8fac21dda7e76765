import { describe, expect, test } from 'vitest';
import { randomBatch, sequentialWindows } from '../../../../src/lib/train/batches.ts';
import { createRng } from '../../../../src/lib/train/rng.ts';

const tokens = Array.from({ length: 50 }, (_, i) => i);

describe('randomBatch', () => {
  test('targets are the inputs shifted by one token', () => {
    const { inputs, targets } = randomBatch(tokens, 4, 8, createRng(3));
    expect(inputs).toHaveLength(4);
    inputs.forEach((row, i) => {
      expect(row).toHaveLength(8);
      expect(targets[i]).toEqual(row.map((t) => t + 1));
    });
  });
});

describe('sequentialWindows', () => {
  test('predicts every token after the first exactly once', () => {
    const { targets } = sequentialWindows(tokens, 16);
    expect(targets.flat()).toEqual(tokens.slice(1));
  });
});
