import { describe, expect, test } from 'vitest';
import { ConfigError, readModelShape } from '../../../../src/lib/calc/hf-config.ts';
import { findPreset } from '../../../../src/lib/calc/presets.ts';

const llama = () => ({ ...findPreset('llama-3-8b')!.config });

function fieldOf(config: unknown): string {
  try {
    readModelShape(config);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).toContain((e as ConfigError).field);
    return (e as ConfigError).field;
  }
  throw new Error('expected a ConfigError');
}

describe('readModelShape', () => {
  test('reads GQA and head_dim from a Llama 3 config', () => {
    const s = readModelShape(llama());
    expect(s).toMatchObject({ heads: 32, kvHeads: 8, headDim: 128, tied: false, experts: 1 });
  });
  test('GPT-2: n_inner null means 4 × n_embd and embeddings are tied', () => {
    const s = readModelShape({ ...findPreset('gpt2')!.config, n_inner: null });
    expect(s.intermediate).toBe(3072);
    expect(s.tied).toBe(true);
  });
  test('missing num_key_value_heads means one KV head per query head', () => {
    const c = llama();
    delete c.num_key_value_heads;
    expect(readModelShape(c).kvHeads).toBe(32);
  });
  test('an explicit head_dim allows hidden_size not divisible by heads', () => {
    expect(readModelShape({ ...llama(), hidden_size: 5120, head_dim: 128 }).headDim).toBe(128);
  });
  test('names the field that is wrong', () => {
    expect(fieldOf(null)).toBe('(root)');
    expect(fieldOf([1, 2])).toBe('(root)');
    expect(fieldOf({ ...llama(), model_type: 'bert' })).toBe('model_type');
    const noType = llama();
    delete noType.model_type;
    expect(fieldOf(noType)).toBe('model_type');
    const noHidden = llama();
    delete noHidden.hidden_size;
    expect(fieldOf(noHidden)).toBe('hidden_size');
    expect(fieldOf({ ...llama(), hidden_size: -4096 })).toBe('hidden_size');
    expect(fieldOf({ ...llama(), num_hidden_layers: 0 })).toBe('num_hidden_layers');
    expect(fieldOf({ ...llama(), vocab_size: '128256' })).toBe('vocab_size');
    expect(fieldOf({ ...llama(), intermediate_size: 14336.5 })).toBe('intermediate_size');
    expect(fieldOf({ ...llama(), vocab_size: 1e12 })).toBe('vocab_size');
    expect(fieldOf({ ...llama(), tie_word_embeddings: 'yes' })).toBe('tie_word_embeddings');
  });
  test('hidden_size not divisible by heads without head_dim is refused, naming the heads', () => {
    expect(fieldOf({ ...llama(), hidden_size: 4100 })).toBe('num_attention_heads');
    expect(fieldOf({ ...findPreset('gpt2')!.config, n_embd: 770 })).toBe('n_head');
  });
  test('KV heads must divide the query heads', () => {
    expect(fieldOf({ ...llama(), num_key_value_heads: 5 })).toBe('num_key_value_heads');
  });
  test('Mixtral: k ≤ experts; absent counts take MixtralConfig\'s defaults (8 experts, 2 per token)', () => {
    const m = { ...findPreset('mixtral-8x7b-v0.1')!.config };
    expect(fieldOf({ ...m, num_experts_per_tok: 9 })).toBe('num_experts_per_tok');
    delete m.num_local_experts;
    delete m.num_experts_per_tok;
    expect(readModelShape(m)).toMatchObject({ experts: 8, expertsPerToken: 2 });
  });
  test('absent num_key_value_heads and head_dim take each config class\'s default', () => {
    const base = { vocab_size: 1000, hidden_size: 2048, intermediate_size: 3072, num_hidden_layers: 2, num_attention_heads: 32 };
    expect(readModelShape({ ...base, model_type: 'qwen3' })).toMatchObject({ kvHeads: 32, headDim: 128 });
    expect(readModelShape({ ...base, model_type: 'mistral' })).toMatchObject({ kvHeads: 8, headDim: 64 });
    expect(readModelShape({ ...base, model_type: 'llama' })).toMatchObject({ kvHeads: 32, headDim: 64 });
    expect(readModelShape({ ...base, model_type: 'gemma2' })).toMatchObject({ kvHeads: 4, headDim: 256 });
    expect(readModelShape({ ...base, model_type: 'phi', head_dim: 7 })).toMatchObject({ headDim: 64 });
  });
});
