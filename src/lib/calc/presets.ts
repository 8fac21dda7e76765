/**
 * Real models as presets for the memory calculator: each `config` is the model's own
 * `config.json` (fields that affect size and a few that identify it, values as published on
 * Hugging Face), with the parameter counts published for it and where they were published.
 */

/** A parameter count someone published, and how precisely. */
export interface PublishedFigure {
  value: number;
  /** 0 when published exactly; otherwise the step it was rounded to (1e8 for "46.7B"). */
  rounding: number;
  /** Who published it, in a few words. */
  source: string;
  url: string;
}

/** A model preset: its config.json, where that config lives, and its published counts. */
export interface ModelPreset {
  id: string;
  name: string;
  configUrl: string;
  config: Record<string, unknown>;
  published: { total?: PublishedFigure; nonEmbedding?: PublishedFigure; active?: PublishedFigure };
}

const hf = (repo: string) => `https://huggingface.co/${repo}/blob/main/config.json`;

/** The presets, smallest first. */
export const MODEL_PRESETS: readonly ModelPreset[] = [
  {
    id: 'gpt2',
    name: 'GPT-2 (124M)',
    configUrl: hf('openai-community/gpt2'),
    config: {
      activation_function: 'gelu_new',
      architectures: ['GPT2LMHeadModel'],
      bos_token_id: 50256,
      eos_token_id: 50256,
      layer_norm_epsilon: 1e-5,
      model_type: 'gpt2',
      n_ctx: 1024,
      n_embd: 768,
      n_head: 12,
      n_layer: 12,
      n_positions: 1024,
      vocab_size: 50257,
    },
    published: {
      total: {
        value: 124_439_808,
        rounding: 0,
        source: 'transformers num_parameters() (the model page shows 137M: it also counts stored attention-mask buffers)',
        url: 'https://huggingface.co/openai-community/gpt2',
      },
    },
  },
  {
    id: 'qwen2.5-0.5b',
    name: 'Qwen2.5-0.5B',
    configUrl: hf('Qwen/Qwen2.5-0.5B'),
    config: {
      architectures: ['Qwen2ForCausalLM'],
      bos_token_id: 151643,
      eos_token_id: 151643,
      hidden_act: 'silu',
      hidden_size: 896,
      intermediate_size: 4864,
      max_position_embeddings: 32768,
      max_window_layers: 24,
      model_type: 'qwen2',
      num_attention_heads: 14,
      num_hidden_layers: 24,
      num_key_value_heads: 2,
      rms_norm_eps: 1e-6,
      rope_theta: 1000000.0,
      sliding_window: 32768,
      tie_word_embeddings: true,
      torch_dtype: 'bfloat16',
      use_sliding_window: false,
      vocab_size: 151936,
    },
    published: {
      total: {
        value: 494_032_768,
        rounding: 0,
        source: 'llama.cpp parameter count; model card: 0.49B',
        url: 'https://huggingface.co/Qwen/Qwen2.5-0.5B',
      },
      nonEmbedding: {
        value: 0.36e9,
        rounding: 1e7,
        source: 'Qwen2.5-0.5B model card: 0.36B non-embedding',
        url: 'https://huggingface.co/Qwen/Qwen2.5-0.5B',
      },
    },
  },
  {
    id: 'qwen3-0.6b-base',
    name: 'Qwen3-0.6B-Base',
    configUrl: hf('Qwen/Qwen3-0.6B-Base'),
    config: {
      architectures: ['Qwen3ForCausalLM'],
      attention_bias: false,
      bos_token_id: 151643,
      eos_token_id: 151643,
      head_dim: 128,
      hidden_act: 'silu',
      hidden_size: 1024,
      intermediate_size: 3072,
      max_position_embeddings: 32768,
      model_type: 'qwen3',
      num_attention_heads: 16,
      num_hidden_layers: 28,
      num_key_value_heads: 8,
      rms_norm_eps: 1e-6,
      rope_theta: 1000000,
      tie_word_embeddings: true,
      torch_dtype: 'bfloat16',
      vocab_size: 151936,
    },
    published: {
      total: {
        value: 0.6e9,
        rounding: 1e8,
        source: 'Qwen3-0.6B-Base model card: 0.6B',
        url: 'https://huggingface.co/Qwen/Qwen3-0.6B-Base',
      },
      nonEmbedding: {
        value: 0.44e9,
        rounding: 1e7,
        source: 'Qwen3-0.6B-Base model card: 0.44B non-embedding',
        url: 'https://huggingface.co/Qwen/Qwen3-0.6B-Base',
      },
    },
  },
  {
    id: 'gemma-2-2b',
    name: 'Gemma 2 2B',
    configUrl: hf('google/gemma-2-2b'),
    config: {
      architectures: ['Gemma2ForCausalLM'],
      attention_bias: false,
      attn_logit_softcapping: 50.0,
      bos_token_id: 2,
      eos_token_id: 1,
      final_logit_softcapping: 30.0,
      head_dim: 256,
      hidden_activation: 'gelu_pytorch_tanh',
      hidden_size: 2304,
      intermediate_size: 9216,
      max_position_embeddings: 8192,
      model_type: 'gemma2',
      num_attention_heads: 8,
      num_hidden_layers: 26,
      num_key_value_heads: 4,
      pad_token_id: 0,
      query_pre_attn_scalar: 256,
      rms_norm_eps: 1e-6,
      rope_theta: 10000.0,
      sliding_window: 4096,
      vocab_size: 256000,
    },
    published: {
      // The report's embedding count uses a 256,128-entry table; the released config has 256,000.
      nonEmbedding: {
        value: 2_024_517_888,
        rounding: 0,
        source: 'Gemma 2 technical report, arXiv:2408.00118, parameter table',
        url: 'https://arxiv.org/abs/2408.00118',
      },
    },
  },
  {
    id: 'phi-2',
    name: 'phi-2',
    configUrl: hf('microsoft/phi-2'),
    config: {
      architectures: ['PhiForCausalLM'],
      bos_token_id: 50256,
      eos_token_id: 50256,
      hidden_act: 'gelu_new',
      hidden_size: 2560,
      intermediate_size: 10240,
      layer_norm_eps: 1e-5,
      max_position_embeddings: 2048,
      model_type: 'phi',
      num_attention_heads: 32,
      num_hidden_layers: 32,
      num_key_value_heads: 32,
      partial_rotary_factor: 0.4,
      qk_layernorm: false,
      rope_theta: 10000.0,
      tie_word_embeddings: false,
      torch_dtype: 'float16',
      vocab_size: 51200,
    },
    published: {
      total: {
        value: 2_779_683_840,
        rounding: 0,
        source: 'Hugging Face safetensors total; model card: 2.7B',
        url: 'https://huggingface.co/microsoft/phi-2',
      },
    },
  },
  {
    id: 'llama-2-7b',
    name: 'Llama 2 7B',
    configUrl: hf('meta-llama/Llama-2-7b-hf'),
    config: {
      architectures: ['LlamaForCausalLM'],
      bos_token_id: 1,
      eos_token_id: 2,
      hidden_act: 'silu',
      hidden_size: 4096,
      intermediate_size: 11008,
      max_position_embeddings: 4096,
      model_type: 'llama',
      num_attention_heads: 32,
      num_hidden_layers: 32,
      num_key_value_heads: 32,
      pretraining_tp: 1,
      rms_norm_eps: 1e-5,
      rope_scaling: null,
      tie_word_embeddings: false,
      torch_dtype: 'float16',
      vocab_size: 32000,
    },
    published: {
      total: {
        value: 6_738_415_616,
        rounding: 0,
        source: 'Hugging Face safetensors total (6.74B); paper: 7B',
        url: 'https://huggingface.co/meta-llama/Llama-2-7b-hf',
      },
    },
  },
  {
    id: 'mistral-7b-v0.1',
    name: 'Mistral 7B v0.1',
    configUrl: hf('mistralai/Mistral-7B-v0.1'),
    config: {
      architectures: ['MistralForCausalLM'],
      bos_token_id: 1,
      eos_token_id: 2,
      hidden_act: 'silu',
      hidden_size: 4096,
      intermediate_size: 14336,
      max_position_embeddings: 32768,
      model_type: 'mistral',
      num_attention_heads: 32,
      num_hidden_layers: 32,
      num_key_value_heads: 8,
      rms_norm_eps: 1e-5,
      rope_theta: 10000.0,
      sliding_window: 4096,
      tie_word_embeddings: false,
      torch_dtype: 'bfloat16',
      vocab_size: 32000,
    },
    published: {
      total: {
        value: 7_241_732_096,
        rounding: 0,
        source: 'GGUF general.parameter_count; Hugging Face: 7.24B',
        url: 'https://huggingface.co/mistralai/Mistral-7B-v0.1',
      },
    },
  },
  {
    id: 'llama-3-8b',
    name: 'Llama 3 8B',
    configUrl: hf('meta-llama/Meta-Llama-3-8B'),
    config: {
      architectures: ['LlamaForCausalLM'],
      attention_bias: false,
      bos_token_id: 128000,
      eos_token_id: 128001,
      hidden_act: 'silu',
      hidden_size: 4096,
      intermediate_size: 14336,
      max_position_embeddings: 8192,
      model_type: 'llama',
      num_attention_heads: 32,
      num_hidden_layers: 32,
      num_key_value_heads: 8,
      pretraining_tp: 1,
      rms_norm_eps: 1e-5,
      rope_scaling: null,
      rope_theta: 500000.0,
      tie_word_embeddings: false,
      torch_dtype: 'bfloat16',
      vocab_size: 128256,
    },
    published: {
      total: {
        value: 8_030_261_248,
        rounding: 0,
        source: 'Hugging Face safetensors total (8.03B)',
        url: 'https://huggingface.co/meta-llama/Meta-Llama-3-8B',
      },
    },
  },
  {
    id: 'mixtral-8x7b-v0.1',
    name: 'Mixtral 8x7B v0.1',
    configUrl: hf('mistralai/Mixtral-8x7B-v0.1'),
    config: {
      architectures: ['MixtralForCausalLM'],
      bos_token_id: 1,
      eos_token_id: 2,
      hidden_act: 'silu',
      hidden_size: 4096,
      intermediate_size: 14336,
      max_position_embeddings: 32768,
      model_type: 'mixtral',
      num_attention_heads: 32,
      num_experts_per_tok: 2,
      num_hidden_layers: 32,
      num_key_value_heads: 8,
      num_local_experts: 8,
      rms_norm_eps: 1e-5,
      rope_theta: 1000000.0,
      router_aux_loss_coef: 0.02,
      sliding_window: null,
      tie_word_embeddings: false,
      torch_dtype: 'bfloat16',
      vocab_size: 32000,
    },
    published: {
      total: {
        value: 46.7e9,
        rounding: 1e8,
        source: 'Mistral AI, "Mixtral of experts": 46.7B total',
        url: 'https://mistral.ai/news/mixtral-of-experts/',
      },
      active: {
        value: 12.9e9,
        rounding: 1e8,
        source: 'Mistral AI, "Mixtral of experts": 12.9B used per token',
        url: 'https://mistral.ai/news/mixtral-of-experts/',
      },
    },
  },
];

/** The preset with this id, or undefined. */
export function findPreset(id: string): ModelPreset | undefined {
  return MODEL_PRESETS.find((p) => p.id === id);
}
