/**
 * Parameter count of a decoder-only transformer from its shape, split the way a reader asks
 * about it (embeddings, attention, MLP, norms, head). Formulas and worked examples: facts.md;
 * they reproduce `model.num_parameters()` of Hugging Face transformers exactly.
 */
import type { ModelShape } from './hf-config.ts';

/** Parameters of one decoder layer, by part. */
export interface LayerParams {
  attention: number;
  mlp: number;
  norms: number;
}

/** A model's parameters by part; `active` is per token for mixture-of-experts, else null. */
export interface ParamBreakdown {
  /** Token embeddings plus learned position embeddings (GPT-2). */
  embedding: number;
  attention: number;
  /** Feed-forward blocks, every expert and the router included. */
  mlp: number;
  /** Every norm, the final one included. */
  norms: number;
  /** The output projection; 0 when it is tied to the embeddings. */
  head: number;
  total: number;
  /** Total minus embeddings and head: the figure model cards call "non-embedding". */
  nonEmbedding: number;
  active: number | null;
  perLayer: LayerParams;
}

/** The same breakdown in exact integers (BigInt): totals above 2^53 stay exact. */
export interface ExactParamBreakdown {
  embedding: bigint;
  attention: bigint;
  mlp: bigint;
  norms: bigint;
  head: bigint;
  total: bigint;
  nonEmbedding: bigint;
  active: bigint | null;
  perLayer: { attention: bigint; mlp: bigint; norms: bigint };
}

/** Two-matrix MLP (GPT-2, phi) versus the gated three-matrix MLP of the Llama family. */
function isGated(shape: ModelShape): boolean {
  return shape.modelType !== 'gpt2' && shape.modelType !== 'phi';
}

/** Parameters of one expert's (or the only) MLP. */
function mlpParams(shape: ModelShape): bigint {
  const h = BigInt(shape.hidden), i = BigInt(shape.intermediate);
  if (!isGated(shape)) return 2n * h * i + (shape.mlpBias ? i + h : 0n);
  return 3n * h * i + (shape.mlpBias ? 2n * i + h : 0n);
}

function attentionParams(shape: ModelShape): bigint {
  const h = BigInt(shape.hidden), heads = BigInt(shape.heads), kvHeads = BigInt(shape.kvHeads), d = BigInt(shape.headDim);
  const weights = h * heads * d + 2n * h * kvHeads * d + heads * d * h;
  const qkvBias = shape.qkvBias ? heads * d + 2n * kvHeads * d : 0n;
  const outBias = shape.outBias ? h : 0n;
  return weights + qkvBias + outBias;
}

/** LayerNorm stores a weight and a bias per channel; RMSNorm only a weight. */
function layerNormNorms(shape: ModelShape): boolean {
  return shape.modelType === 'gpt2' || shape.modelType === 'phi';
}

function layerNormParams(shape: ModelShape): bigint {
  const h = BigInt(shape.hidden);
  const hd = BigInt(shape.headDim);
  const qk = shape.qkNorm === 'rms' ? 2n * hd : shape.qkNorm === 'layer' ? 4n * hd : 0n;
  switch (shape.modelType) {
    case 'gpt2':
      return 2n * 2n * h + qk; // ln_1 and ln_2
    case 'phi':
      return 2n * h + qk; // one input_layernorm: attention and MLP run in parallel
    case 'gemma2':
      return 4n * h + qk; // pre- and post-norms around both attention and MLP
    default:
      return 2n * h + qk;
  }
}

/** Counts parameters by part from a model's shape, exactly. */
export function countParametersExact(shape: ModelShape): ExactParamBreakdown {
  const V = BigInt(shape.vocab), h = BigInt(shape.hidden), L = BigInt(shape.layers);
  const experts = BigInt(shape.experts);
  const expert = mlpParams(shape);
  // A mixture-of-experts layer always has its router (MixtralSparseMoeBlock.gate: hidden × experts),
  // even with a single expert.
  const moe = shape.modelType === 'mixtral';
  const router = moe ? h * experts : 0n;
  const perLayer = { attention: attentionParams(shape), mlp: experts * expert + router, norms: layerNormParams(shape) };
  const embedding = V * h + BigInt(shape.positions) * h;
  const finalNorm = layerNormNorms(shape) ? 2n * h : h;
  // phi's lm_head carries a bias of V; untied heads are a second V × h matrix.
  const headWeights = shape.tied ? 0n : V * h;
  const head = headWeights + (shape.modelType === 'phi' && !shape.tied ? V : 0n);
  const attention = L * perLayer.attention;
  const mlp = L * perLayer.mlp;
  const norms = L * perLayer.norms + finalNorm;
  const total = embedding + attention + mlp + norms + head;
  const active = moe ? total - L * (experts - BigInt(shape.expertsPerToken)) * expert : null;
  return { embedding, attention, mlp, norms, head, total, nonEmbedding: total - embedding - headWeights, active, perLayer };
}

/** Counts parameters by part from a model's shape (as numbers: exact up to 2^53, rounded beyond). */
export function countParameters(shape: ModelShape): ParamBreakdown {
  const b = countParametersExact(shape);
  return {
    embedding: Number(b.embedding),
    attention: Number(b.attention),
    mlp: Number(b.mlp),
    norms: Number(b.norms),
    head: Number(b.head),
    total: Number(b.total),
    nonEmbedding: Number(b.nonEmbedding),
    active: b.active === null ? null : Number(b.active),
    perLayer: { attention: Number(b.perLayer.attention), mlp: Number(b.perLayer.mlp), norms: Number(b.perLayer.norms) },
  };
}

/** Elements of the largest single weight matrix (usually the embedding table), for buffer limits. */
export function largestMatrix(shape: ModelShape): number {
  return Math.max(shape.vocab * shape.hidden, shape.hidden * shape.intermediate, shape.hidden * shape.heads * shape.headDim);
}
