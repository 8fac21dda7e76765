/**
 * The few GPT-2 hyper-parameters the engine needs, read from a Hugging Face `config.json`
 * (docs/model-format.md). Anything we cannot run is refused here, with a message naming the field.
 */

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

/** Reads and checks a GPT2Config object; throws with the offending field's name. */
export function parseGptConfig(json: unknown): GptConfig {
  if (typeof json !== 'object' || json === null) throw new Error('config.json is not an object');
  const c = json as Record<string, unknown>;
  if (c.model_type !== undefined && c.model_type !== 'gpt2') {
    throw new Error(`config.json: model_type "${String(c.model_type)}" is not gpt2`);
  }
  if (c.activation_function !== undefined && c.activation_function !== 'gelu_new') {
    throw new Error(`config.json: activation_function "${String(c.activation_function)}" is not gelu_new`);
  }
  if (c.tie_word_embeddings === false) throw new Error('config.json: untied lm_head is not supported');
  const int = (name: string, fallback?: number): number => {
    const v = c[name] ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new Error(`config.json: ${name} must be a positive integer`);
    }
    return v;
  };
  const config: GptConfig = {
    vocabSize: int('vocab_size'),
    contextLength: int('n_positions', typeof c.n_ctx === 'number' ? c.n_ctx : undefined),
    dModel: int('n_embd'),
    nLayer: int('n_layer'),
    nHead: int('n_head'),
    layerNormEpsilon: typeof c.layer_norm_epsilon === 'number' ? c.layer_norm_epsilon : 1e-5,
  };
  if (!(config.layerNormEpsilon > 0 && Number.isFinite(config.layerNormEpsilon))) {
    throw new Error('config.json: layer_norm_epsilon must be a positive number');
  }
  if (config.dModel % config.nHead !== 0) throw new Error('config.json: n_embd is not a multiple of n_head');
  return config;
}

/** Parameter count of a tied GPT-2 (the formula in facts.md). */
export function gptParameterCount(c: GptConfig): number {
  const d = c.dModel;
  const perLayer = 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + 2 * d + (d * 4 * d + 4 * d) + (4 * d * d + d);
  return c.vocabSize * d + c.contextLength * d + c.nLayer * perLayer + 2 * d;
}
