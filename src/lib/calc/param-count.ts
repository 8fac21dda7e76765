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

/** Two-matrix MLP (GPT-2, phi) versus the gated three-matrix MLP of the Llama family. */
function isGated(shape: ModelShape): boolean {
  return shape.modelType !== 'gpt2' && shape.modelType !== 'phi';
}

/** Parameters of one expert's (or the only) MLP. */
function mlpParams(shape: ModelShape): number {
  const { hidden: h, intermediate: i } = shape;
  if (!isGated(shape)) return 2 * h * i + (shape.mlpBias ? i + h : 0);
  return 3 * h * i + (shape.mlpBias ? 2 * i + h : 0);
}

function attentionParams(shape: ModelShape): number {
  const { hidden: h, heads, kvHeads, headDim: d } = shape;
  const weights = h * heads * d + 2 * h * kvHeads * d + heads * d * h;
  const qkvBias = shape.qkvBias ? heads * d + 2 * kvHeads * d : 0;
  const outBias = shape.outBias ? h : 0;
  return weights + qkvBias + outBias;
}

/** LayerNorm stores a weight and a bias per channel; RMSNorm only a weight. */
function layerNormNorms(shape: ModelShape): boolean {
  return shape.modelType === 'gpt2' || shape.modelType === 'phi';
}

function layerNormParams(shape: ModelShape): number {
  const h = shape.hidden;
  const qk = shape.qkNorm === 'rms' ? 2 * shape.headDim : shape.qkNorm === 'layer' ? 4 * shape.headDim : 0;
  switch (shape.modelType) {
    case 'gpt2':
      return 2 * 2 * h + qk; // ln_1 and ln_2
    case 'phi':
      return 2 * h + qk; // one input_layernorm: attention and MLP run in parallel
    case 'gemma2':
      return 4 * h + qk; // pre- and post-norms around both attention and MLP
    default:
      return 2 * h + qk;
  }
}

/** Counts parameters by part from a model's shape. */
export function countParameters(shape: ModelShape): ParamBreakdown {
  const { vocab: V, hidden: h, layers: L } = shape;
  const expert = mlpParams(shape);
  const router = shape.experts > 1 ? h * shape.experts : 0;
  const perLayer: LayerParams = {
    attention: attentionParams(shape),
    mlp: shape.experts * expert + router,
    norms: layerNormParams(shape),
  };
  const embedding = V * h + shape.positions * h;
  const finalNorm = layerNormNorms(shape) ? 2 * h : h;
  // phi's lm_head carries a bias of V; untied heads are a second V × h matrix.
  const headWeights = shape.tied ? 0 : V * h;
  const head = headWeights + (shape.modelType === 'phi' && !shape.tied ? V : 0);
  const attention = L * perLayer.attention;
  const mlp = L * perLayer.mlp;
  const norms = L * perLayer.norms + finalNorm;
  const total = embedding + attention + mlp + norms + head;
  const active = shape.experts > 1 ? total - L * (shape.experts - shape.expertsPerToken) * expert : null;
  return { embedding, attention, mlp, norms, head, total, nonEmbedding: total - embedding - headWeights, active, perLayer };
}

/** Elements of the largest single weight matrix (usually the embedding table), for buffer limits. */
export function largestMatrix(shape: ModelShape): number {
  return Math.max(shape.vocab * shape.hidden, shape.hidden * shape.intermediate, shape.hidden * shape.heads * shape.headDim);
}
