/** config.json as the engine reads it: through the one schema the model card shares. */
import { describe, expect, test } from 'vitest';
import { gptParameterCount, parseGptConfig } from '../../../../src/lib/tinylm/config.ts';
import { fixtureConfig, SMALL } from '../../../fixtures/tiny-gpt.ts';

const base = () => fixtureConfig(SMALL);

describe('parseGptConfig', () => {
  test('reads the shape the engine needs', () => {
    expect(parseGptConfig(base())).toEqual({ vocabSize: 280, contextLength: 16, dModel: 32, nLayer: 2, nHead: 2, layerNormEpsilon: 1e-5 });
  });

  test('older configs give the context length as n_ctx; layer_norm_epsilon defaults to 1e-5', () => {
    const { n_positions: _, layer_norm_epsilon: __, ...old } = base();
    expect(parseGptConfig({ ...old, n_ctx: 64 })).toMatchObject({ contextLength: 64, layerNormEpsilon: 1e-5 });
    expect(parseGptConfig({ ...old, n_positions: 32, n_ctx: 64 }).contextLength).toBe(32);
  });

  test.each([
    ['a missing field', { n_embd: undefined }, 'config.json: n_embd must be a positive integer'],
    ['no context length at all', { n_positions: undefined, n_ctx: undefined }, 'config.json: n_positions must be a positive integer'],
    ['a fractional count', { n_layer: 1.5 }, 'config.json: n_layer must be a positive integer'],
    ['a zero count', { vocab_size: 0 }, 'config.json: vocab_size must be a positive integer'],
    ['another architecture', { model_type: 'llama' }, 'config.json: model_type "llama" is not gpt2'],
    ['another activation', { activation_function: 'relu' }, 'config.json: activation_function "relu" is not gelu_new'],
    ['an untied head', { tie_word_embeddings: false }, 'config.json: tie_word_embeddings is false: an untied lm_head is not supported'],
    ['heads that do not divide the width', { n_head: 3 }, 'config.json: n_embd is not a multiple of n_head'],
    ['a negative epsilon', { layer_norm_epsilon: -1 }, 'config.json: layer_norm_epsilon must be a positive number'],
  ])('refuses %s, naming the field', (_, change, message) => {
    expect(() => parseGptConfig({ ...base(), ...change })).toThrow(message);
  });

  test('refuses what is not an object', () => {
    expect(() => parseGptConfig(null)).toThrow(/^config\.json: /);
    expect(() => parseGptConfig([])).toThrow(/^config\.json: /);
  });

  test('the parameter count of the fixture follows the formula in facts.md', () => {
    const c = parseGptConfig(base());
    // wte + wpe + 2 layers × (ln, attn, proj, ln, fc, proj) + final ln
    const d = 32;
    const layer = 2 * d + (3 * d * d + 3 * d) + (d * d + d) + 2 * d + (4 * d * d + 4 * d) + (4 * d * d + d);
    expect(gptParameterCount(c)).toBe(280 * d + 16 * d + 2 * layer + 2 * d);
  });
});
