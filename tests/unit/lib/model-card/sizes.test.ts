import { describe, expect, test } from 'vitest';
import { precisionLabel, sizeRows } from '../../../../src/lib/model-card/sizes.ts';

describe('sizeRows', () => {
  const index = [
    { id: 'tiny-m', params: 339328, dtype: 'F32', bytes: 1361608, default: true },
    { id: 'tiny-m-q4', params: 339328, dtype: 'q4-g32', bytes: 209296 },
    { id: 'tiny-x', params: 1, dtype: 'F16', bytes: 2 },
  ];
  const log = { model: 'tiny-m', steps: 1000, stepsDone: 900, finalLoss: 0.27 };
  const rows = sizeRows(index, { 'tiny-m': log, 'tiny-m-q4': log, 'tiny-x': undefined });

  test('takes steps actually done and the final loss from the training log', () => {
    expect(rows[0]).toMatchObject({ id: 'tiny-m', steps: 900, finalLoss: 0.27, trainedAs: undefined, precision: 'F32' });
  });
  test("a quantized copy says whose training it reports", () => {
    expect(rows[1]).toMatchObject({ steps: 900, trainedAs: 'tiny-m', precision: '4-bit' });
  });
  test('no log: no steps, no loss', () => {
    expect(rows[2]).toMatchObject({ steps: undefined, finalLoss: undefined, trainedAs: undefined });
  });
});

test('precisionLabel names the quantization schemes', () => {
  expect(['F32', 'F16', 'int8-g32', 'q4-g32'].map(precisionLabel)).toEqual(['F32', 'F16', 'INT8', '4-bit']);
});
