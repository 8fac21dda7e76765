/** Our GPT-2 hyperparameters ⇄ a Hugging Face GPT2Config (config.json). */
import type { Gpt2Config } from './gpt2.ts';

/** The config.json a standard GPT-2 loader expects (docs/model-format.md). */
export function toHfConfig(c: Gpt2Config, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model_type: 'gpt2',
    architectures: ['GPT2LMHeadModel'],
    vocab_size: c.vocabSize,
    n_positions: c.nPositions,
    n_ctx: c.nPositions,
    n_embd: c.nEmbd,
    n_layer: c.nLayer,
    n_head: c.nHead,
    n_inner: null,
    activation_function: 'gelu_new',
    resid_pdrop: 0,
    embd_pdrop: 0,
    attn_pdrop: 0,
    layer_norm_epsilon: 1e-5,
    initializer_range: 0.02,
    scale_attn_weights: true,
    bos_token_id: c.vocabSize - 1,
    eos_token_id: c.vocabSize - 1,
    tie_word_embeddings: true,
    torch_dtype: 'float32',
    ...extra,
  };
}

/** Reads the fields we use back from a GPT2Config. */
export function fromHfConfig(json: Record<string, unknown>): Gpt2Config {
  const num = (k: string) => {
    const v = json[k];
    if (typeof v !== 'number') throw new Error(`config.json: ${k} is not a number`);
    return v;
  };
  return { vocabSize: num('vocab_size'), nPositions: num('n_positions'), nEmbd: num('n_embd'), nLayer: num('n_layer'), nHead: num('n_head') };
}
