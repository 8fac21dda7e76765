/**
 * The few GPT-2 hyper-parameters the engine needs, read from a Hugging Face `config.json`
 * (docs/model-format.md). Anything we cannot run is refused by the file's schema, with a message
 * naming the field.
 */
import { gpt2ConfigFileSchema, parseWith } from '../data/schemas.ts';

/** Shape of a GPT-2 model, as the engine uses it. */
export interface GptConfig {
  vocabSize: number;
  /** Context length: the number of learned positions. */
  contextLength: number;
  dModel: number;
  nLayer: number;
  nHead: number;
  layerNormEpsilon: number;
}

/**
 * Reads and checks a GPT2Config object through its schema (src/lib/data/schemas.ts), the one
 * definition the model card shares; throws naming the offending field, e.g.
 * "config.json: n_embd must be a positive integer". `n_ctx` stands in for a missing `n_positions`.
 */
export function parseGptConfig(json: unknown): GptConfig {
  const c = parseWith(gpt2ConfigFileSchema, json, 'config.json');
  return {
    vocabSize: c.vocab_size,
    contextLength: c.n_positions,
    dModel: c.n_embd,
    nLayer: c.n_layer,
    nHead: c.n_head,
    layerNormEpsilon: c.layer_norm_epsilon ?? 1e-5,
  };
}

/** Parameter count of a tied GPT-2 (the formula in facts.md). */
export function gptParameterCount(c: GptConfig): number {
  const d = c.dModel;
  const perLayer = 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + 2 * d + (d * 4 * d + 4 * d) + (4 * d * d + d);
  return c.vocabSize * d + c.contextLength * d + c.nLayer * perLayer + 2 * d;
}
