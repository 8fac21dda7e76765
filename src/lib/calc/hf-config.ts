/**
 * Reads the fields of a Hugging Face `config.json` that decide a model's parameter count and KV
 * cache, for the architectures the calculators know. Every problem is reported as a ConfigError
 * naming the field, so a reader who pasted a config can fix it (or see why we refuse it).
 */

/** Architectures (`model_type`) whose parameter count we can reproduce exactly. */
export const MODEL_TYPES = ['gpt2', 'llama', 'mistral', 'mixtral', 'qwen2', 'qwen3', 'gemma2', 'phi'] as const;

/** A `model_type` the calculators know. */
export type ModelType = (typeof MODEL_TYPES)[number];

/** Why a config was refused; islands translate these codes, the CLI prints the message. */
export type ConfigProblem =
  | 'not-object'
  | 'unknown-type'
  | 'missing'
  | 'not-integer'
  | 'not-positive'
  | 'too-large'
  | 'not-boolean'
  | 'not-divisible';

/** A config.json we cannot count, with the offending field. */
export class ConfigError extends Error {
  readonly field: string;
  readonly problem: ConfigProblem;
  constructor(field: string, problem: ConfigProblem, detail: string) {
    super(`config.json: "${field}" ${detail}`);
    this.name = 'ConfigError';
    this.field = field;
    this.problem = problem;
  }
}

/** The shape of a decoder-only transformer, in one vocabulary across architectures. */
export interface ModelShape {
  modelType: ModelType;
  vocab: number;
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  intermediate: number;
  /** Learned position embeddings (GPT-2 only; rotary models have none). */
  positions: number;
  tied: boolean;
  /** Bias vectors on q, k and v / on the attention output projection. */
  qkvBias: boolean;
  outBias: boolean;
  mlpBias: boolean;
  /** Norms on q and k inside attention, of size head_dim: RMSNorm in Qwen3, LayerNorm in phi with qk_layernorm. */
  qkNorm: 'none' | 'rms' | 'layer';
  /** Mixture of experts: experts per layer and experts used per token (1 and 1 when dense). */
  experts: number;
  expertsPerToken: number;
}

/** Far above any real model's dimension, below where doubles stop counting exactly. */
const MAX_DIM = 10_000_000;

type Json = Record<string, unknown>;

function int(config: Json, field: string, fallback?: number): number {
  const v = config[field];
  if (v === undefined || v === null) {
    if (fallback !== undefined) return fallback;
    throw new ConfigError(field, 'missing', 'is missing');
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new ConfigError(field, 'not-integer', `must be a whole number (got ${JSON.stringify(v)})`);
  }
  if (v <= 0) throw new ConfigError(field, 'not-positive', `must be positive (got ${v})`);
  if (v > MAX_DIM) throw new ConfigError(field, 'too-large', `is implausibly large (got ${v})`);
  return v;
}

function bool(config: Json, field: string, fallback: boolean): boolean {
  const v = config[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') {
    throw new ConfigError(field, 'not-boolean', `must be true or false (got ${JSON.stringify(v)})`);
  }
  return v;
}

/**
 * Defaults of the transformers config classes (configuration_<type>.py) for the fields a config.json
 * may leave out and that change the count. `kvHeads` undefined: one KV head per query head (the
 * class default is None); `headDim` undefined: hidden / heads (None, or no such field). The
 * classes also default the sizes (hidden_size, …); those we require, since a config without them
 * describes no particular model.
 */
const CLASS_DEFAULTS: Record<ModelType, { kvHeads?: number; headDim?: number; tied: boolean }> = {
  gpt2: { tied: true },
  llama: { tied: false },
  mistral: { kvHeads: 8, tied: false },
  mixtral: { kvHeads: 8, tied: false },
  qwen2: { kvHeads: 32, tied: false },
  qwen3: { kvHeads: 32, headDim: 128, tied: false },
  gemma2: { kvHeads: 4, headDim: 256, tied: true },
  phi: { tied: false },
};

/** head_dim when the config gives it, else hidden / heads, which must then divide evenly. */
function headDimOf(config: Json, hidden: number, heads: number, headsField: string, hiddenField: string): number {
  if (config.head_dim !== undefined && config.head_dim !== null) return int(config, 'head_dim');
  if (hidden % heads !== 0) {
    throw new ConfigError(
      headsField,
      'not-divisible',
      `(${heads}) does not divide "${hiddenField}" (${hidden}) and there is no "head_dim"`,
    );
  }
  return hidden / heads;
}

function kvHeadsOf(config: Json, heads: number, fallback = heads): number {
  const kvHeads = int(config, 'num_key_value_heads', fallback);
  // Grouped-query attention shares each K/V head among heads / kvHeads query heads.
  if (heads % kvHeads !== 0) {
    throw new ConfigError(
      'num_key_value_heads',
      'not-divisible',
      `(${kvHeads}) must divide "num_attention_heads" (${heads})`,
    );
  }
  return kvHeads;
}

/** Validates a parsed config.json and returns its shape; throws ConfigError naming the field. */
export function readModelShape(config: unknown): ModelShape {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ConfigError('(root)', 'not-object', 'must be a JSON object');
  }
  const c = config as Json;
  const type = c.model_type;
  if (type === undefined) throw new ConfigError('model_type', 'missing', 'is missing');
  if (typeof type !== 'string' || !(MODEL_TYPES as readonly string[]).includes(type)) {
    throw new ConfigError(
      'model_type',
      'unknown-type',
      `${JSON.stringify(type)} is not one of ${MODEL_TYPES.join(', ')}`,
    );
  }
  const modelType = type as ModelType;

  if (modelType === 'gpt2') {
    const hidden = int(c, 'n_embd');
    const heads = int(c, 'n_head');
    return {
      modelType,
      vocab: int(c, 'vocab_size'),
      hidden,
      layers: int(c, 'n_layer'),
      heads,
      kvHeads: heads,
      // GPT2Config has no head_dim: GPT2Attention always splits n_embd evenly, so a stray one is ignored.
      headDim: headDimOf({}, hidden, heads, 'n_head', 'n_embd'),
      // GPT2Config: n_inner null means 4 × n_embd.
      intermediate: int(c, 'n_inner', 4 * hidden),
      positions: int(c, 'n_positions'),
      tied: bool(c, 'tie_word_embeddings', true),
      qkvBias: true,
      outBias: true,
      mlpBias: true,
      qkNorm: 'none',
      experts: 1,
      expertsPerToken: 1,
    };
  }

  const hidden = int(c, 'hidden_size');
  const heads = int(c, 'num_attention_heads');
  const defaults = CLASS_DEFAULTS[modelType];
  const kvHeads = kvHeadsOf(c, heads, defaults.kvHeads ?? heads);
  // Defaults below are those of the transformers config classes, used when a field is absent.
  const attentionBias = bool(c, 'attention_bias', false);
  // PhiAttention always uses hidden_size / heads (PhiConfig has no head_dim); the others read
  // head_dim when given, else their class default, else hidden / heads.
  const headDimConfig = modelType === 'phi' ? {} : c;
  const headDim =
    defaults.headDim !== undefined && (c.head_dim === undefined || c.head_dim === null)
      ? defaults.headDim
      : headDimOf(headDimConfig, hidden, heads, 'num_attention_heads', 'hidden_size');
  const shape: ModelShape = {
    modelType,
    vocab: int(c, 'vocab_size'),
    hidden,
    layers: int(c, 'num_hidden_layers'),
    heads,
    kvHeads,
    headDim,
    intermediate: int(c, 'intermediate_size'),
    positions: 0,
    tied: bool(c, 'tie_word_embeddings', defaults.tied),
    qkvBias: attentionBias,
    outBias: attentionBias,
    mlpBias: modelType === 'llama' ? bool(c, 'mlp_bias', false) : false,
    qkNorm: modelType === 'qwen3' ? 'rms' : 'none',
    experts: 1,
    expertsPerToken: 1,
  };
  if (modelType === 'qwen2') {
    // Qwen2 always puts biases on q, k and v, never on the output projection.
    shape.qkvBias = true;
    shape.outBias = false;
  }
  if (modelType === 'phi') {
    // phi-1.5 / phi-2: every linear layer has a bias.
    shape.qkvBias = shape.outBias = shape.mlpBias = true;
    if (bool(c, 'qk_layernorm', false)) shape.qkNorm = 'layer';
  }
  if (modelType === 'mixtral') {
    shape.experts = int(c, 'num_local_experts', 8);
    shape.expertsPerToken = int(c, 'num_experts_per_tok', 2);
    if (shape.expertsPerToken > shape.experts) {
      throw new ConfigError(
        'num_experts_per_tok',
        'too-large',
        `(${shape.expertsPerToken}) exceeds "num_local_experts" (${shape.experts})`,
      );
    }
  }
  return shape;
}
