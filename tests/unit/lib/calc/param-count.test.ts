import { describe, expect, test } from 'vitest';
import { readModelShape } from '../../../../src/lib/calc/hf-config.ts';
import { countParameters } from '../../../../src/lib/calc/param-count.ts';
import { MODEL_PRESETS, findPreset } from '../../../../src/lib/calc/presets.ts';

const count = (id: string) => countParameters(readModelShape(findPreset(id)!.config));

describe('countParameters on the presets', () => {
  for (const preset of MODEL_PRESETS) {
    const b = countParameters(readModelShape(preset.config));
    for (const [kind, figure] of Object.entries(preset.published)) {
      const computed = kind === 'total' ? b.total : kind === 'active' ? b.active : b.nonEmbedding;
      test(`${preset.name}: ${kind} matches ${figure.source}`, () => {
        if (figure.rounding === 0) expect(computed).toBe(figure.value);
        else expect(Math.abs(computed! - figure.value)).toBeLessThanOrEqual(figure.rounding / 2);
      });
    }
  }

  test('every preset has at least one published figure with a source URL', () => {
    for (const p of MODEL_PRESETS) {
      const figures = Object.values(p.published);
      expect(figures.length, p.id).toBeGreaterThan(0);
      for (const f of figures) expect(f.url, p.id).toMatch(/^https:\/\//);
    }
  });

  test('the parts add up to the total', () => {
    for (const p of MODEL_PRESETS) {
      const b = countParameters(readModelShape(p.config));
      expect(b.embedding + b.attention + b.mlp + b.norms + b.head, p.id).toBe(b.total);
    }
  });
});

describe('countParameters reproduces the worked examples in facts.md', () => {
  test('Llama-3-8B: embedding, per-layer parts and an untied head', () => {
    const b = count('llama-3-8b');
    expect(b.embedding).toBe(525_336_576);
    expect(b.perLayer).toEqual({ attention: 41_943_040, mlp: 176_160_768, norms: 8_192 });
    expect(b.head).toBe(525_336_576);
    expect(b.total).toBe(8_030_261_248);
  });
  test('Qwen2.5-0.5B: q/k/v biases (1,152) and a tied head', () => {
    const b = count('qwen2.5-0.5b');
    expect(b.embedding).toBe(136_134_656);
    expect(b.perLayer.attention).toBe(1_836_160);
    expect(b.perLayer.mlp).toBe(13_074_432);
    expect(b.perLayer.norms).toBe(1_792);
    expect(b.head).toBe(0);
  });
  test('GPT-2: token + position embeddings, 7,087,872 per layer', () => {
    const b = count('gpt2');
    expect(b.embedding).toBe(39_383_808);
    expect(b.perLayer.attention + b.perLayer.mlp + b.perLayer.norms).toBe(7_087_872);
    expect(b.total).toBe(124_439_808);
    expect(b.active).toBeNull();
  });
  test('Llama-2-7B and Mistral-7B differ only in MLP width and KV heads', () => {
    expect(count('llama-2-7b').total).toBe(6_738_415_616);
    expect(count('mistral-7b-v0.1').total).toBe(7_241_732_096);
  });
  test('phi-2 has biases everywhere, lm_head included', () => {
    const b = count('phi-2');
    expect(b.head).toBe(51_200 * 2560 + 51_200);
    expect(b.total).toBe(2_779_683_840);
  });
  test('Mixtral counts all 8 experts in the total and 2 per token as active', () => {
    const b = count('mixtral-8x7b-v0.1');
    const expert = 3 * 4096 * 14336;
    expect(b.total - b.active!).toBe(32 * 6 * expert);
    expect(b.perLayer.mlp).toBe(8 * expert + 4096 * 8);
  });
  test('Qwen3 adds a head_dim-sized norm on q and on k in every layer', () => {
    const b = count('qwen3-0.6b-base');
    expect(b.perLayer.norms).toBe(2 * 1024 + 2 * 128);
  });
  test('Gemma 2 has four norms per layer and an explicit head_dim of 256', () => {
    const b = count('gemma-2-2b');
    expect(b.perLayer.norms).toBe(4 * 2304);
    // 8 heads × 256 = 2048, not hidden_size 2304: q and o use head_dim, not hidden / heads.
    expect(b.perLayer.attention).toBe(2304 * 2048 * 2 + 2 * 2304 * 4 * 256);
  });
});
