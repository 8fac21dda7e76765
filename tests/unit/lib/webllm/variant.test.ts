import { describe, expect, test } from 'vitest';
import { modelByKey } from '../../../../src/lib/webllm/models.ts';
import { chooseQuantization, chooseVariant } from '../../../../src/lib/webllm/variant.ts';

describe('chooseVariant', () => {
  test('q4f16_1 with shader-f16, q4f32_1 without', () => {
    expect(chooseQuantization(true)).toBe('q4f16_1');
    expect(chooseQuantization(false)).toBe('q4f32_1');
    expect(chooseVariant(modelByKey('phi-1_5'), false).modelId).toBe('phi-1_5-q4f32_1-MLC');
    expect(chooseVariant(modelByKey('phi-2'), true).modelId).toBe('phi-2-q4f16_1-MLC');
  });
});
