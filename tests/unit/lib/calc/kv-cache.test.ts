import { describe, expect, test } from 'vitest';
import { readModelShape } from '../../../../src/lib/calc/hf-config.ts';
import { kvBytesPerToken, kvCacheBytes } from '../../../../src/lib/calc/kv-cache.ts';
import { findPreset } from '../../../../src/lib/calc/presets.ts';

const shape = (id: string) => readModelShape(findPreset(id)!.config);
const KiB = 1024;

describe('kvBytesPerToken at FP16 (facts.md)', () => {
  test('Llama-2-7B: 512 KiB per token', () => expect(kvBytesPerToken(shape('llama-2-7b'))).toBe(512 * KiB));
  test('Llama-3-8B: 128 KiB, a quarter of a calculator that ignores GQA', () => {
    const s = shape('llama-3-8b');
    expect(kvBytesPerToken(s)).toBe(128 * KiB);
    expect(kvBytesPerToken({ ...s, kvHeads: s.heads })).toBe(4 * 128 * KiB);
  });
  test('GPT-2: 36 KiB', () => expect(kvBytesPerToken(shape('gpt2'))).toBe(36 * KiB));
  test('Qwen2.5-0.5B: 12 KiB', () => expect(kvBytesPerToken(shape('qwen2.5-0.5b'))).toBe(12 * KiB));
  test('Gemma 2 uses its explicit head_dim of 256', () => {
    expect(kvBytesPerToken(shape('gemma-2-2b'))).toBe(2 * 26 * 4 * 256 * 2);
  });
});

describe('kvCacheBytes', () => {
  test('scales with context and batch: Llama-3-8B at 8,192 tokens is 1 GiB, ×4 for a batch of 4', () => {
    expect(kvCacheBytes(shape('llama-3-8b'), 8192)).toBe(1024 ** 3);
    expect(kvCacheBytes(shape('llama-3-8b'), 8192, 4)).toBe(4 * 1024 ** 3);
  });
  test('refuses negative, fractional or absurd contexts and batches', () => {
    const s = shape('gpt2');
    for (const [t, b] of [[-1, 1], [1.5, 1], [1e12, 1], [Number.NaN, 1], [1, 0], [1, 1e9]]) {
      expect(() => kvCacheBytes(s, t!, b)).toThrow(RangeError);
    }
  });
});
