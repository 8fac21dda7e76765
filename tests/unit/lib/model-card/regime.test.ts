import { describe, expect, test } from 'vitest';
import { llamaRow, logScale, regimeRow } from '../../../../src/lib/model-card/regime.ts';

describe('regimeRow', () => {
  test('calls a model whose file outweighs its corpus a memorizer, and one smaller than its corpus a compressor', () => {
    const memo = regimeRow({ model: 'tiny-m', params: 339_328, bytes: 1_361_608, corpus_bytes: 112_058, corpus_tokens: 33_094, tokens_seen: 1_024_000 })!;
    expect(memo.regime).toBe('memorizer');
    expect(memo.dataPerModel).toBeCloseTo(0.0823, 3);
    expect(memo.tokensPerParam).toBeCloseTo(0.0975, 3);
    expect(memo.epochs).toBeCloseTo(30.9, 1);
    const comp = regimeRow({ model: 'rich-m-q4', params: 339_328, bytes: 209_296, corpus_bytes: 19_620_028, corpus_tokens: 10_757_793, tokens_seen: 460_800 })!;
    expect(comp.regime).toBe('compressor');
    expect(comp.dataPerModel).toBeGreaterThan(20);
    expect(comp.tokensPerParam).toBeGreaterThan(20);
  });

  test('leaves out an eval.json without the corpus fields', () => {
    expect(regimeRow({ model: 'old', params: 1, bytes: 4 })).toBeNull();
  });
});

describe('llamaRow', () => {
  test('puts Llama-3-8B at about 1,870 tokens per parameter and thousands of times its file in data', () => {
    const r = llamaRow();
    expect(r.tokensPerParam).toBeCloseTo(1868, 0);
    expect(r.dataPerModel).toBeGreaterThan(3000);
  });
});

describe('logScale', () => {
  test('puts each decade an equal distance apart and clamps outside the range', () => {
    expect(logScale(10, 1, 100, 0, 200)).toBeCloseTo(100);
    expect(logScale(1000, 1, 100, 0, 200)).toBe(200);
    expect(logScale(0, 1, 100, 0, 200)).toBe(0);
  });
});
