/**
 * The forward pass laid open for the X-ray: attention weights of every head, the logit lens after
 * every block, the residual stream's length and what attention and the MLP add to it.
 *
 * A separate code path from model.ts, so the next-token path pays nothing for it: no cache, every
 * position recomputed, buffers of its own sized for the whole context and allocated once by
 * `createTracer`. It runs the same kernels in the same order as the runner, so its last lens
 * layer is the model's own next-token distribution, not an approximation of it.
 */
import type { ForwardTrace, LensCandidate } from '../engine/types.ts';
import type { GptConfig } from './config.ts';
import { topKIds } from './distribution.ts';
import { addInPlace, geluNew, layerNorm } from './kernels.ts';
import { jsKernels, type Kernels } from './wasm-kernels.ts';
import type { GptWeights } from './weights.ts';

/** A lens candidate before the engine names its token. */
export type RawLensCandidate = Omit<LensCandidate, 'token'>;

/** What `trace` computes: the numbers of a ForwardTrace, its tokens not yet named. */
export type RawTrace = Omit<ForwardTrace, 'tokens' | 'lens'> & { lens: RawLensCandidate[][][] };

/** Options of one trace. */
export interface TraceOptions {
  /** Lens candidates per layer and position (default 5). */
  top?: number;
}

/** A model's tracer: `trace` may be called any number of times; its buffers are reused. */
export interface Tracer {
  trace(ids: readonly number[], options?: TraceOptions): RawTrace;
}

/** Lens candidates when the caller does not say. */
export const DEFAULT_LENS_TOP = 5;

/** Floats a tracer allocates, to size kernel memory up front. */
export function tracerFloats(config: GptConfig): number {
  const { dModel: d, contextLength: C, vocabSize: V } = config;
  return C * d * 4 + C * 3 * d + C * 4 * d + C + C * V + 64 * 8;
}

/** Creates a tracer over `weights` (placed in the kernels' memory when `kernels` is given). */
export function createTracer(weights: GptWeights, config: GptConfig, kernels: Kernels = jsKernels): Tracer {
  const { dModel: d, nLayer, nHead, contextLength: C, vocabSize: V, layerNormEpsilon: eps } = config;
  const hd = d / nHead;
  const { alloc, matmulBias, tiedHead } = kernels;
  const x = alloc(C * d);
  const h = alloc(C * d);
  const qkv = alloc(C * 3 * d);
  const att = alloc(C * d);
  const proj = alloc(C * d);
  const ff = alloc(C * 4 * d);
  const scores = alloc(C);
  const logits = alloc(C * V);

  function trace(ids: readonly number[], options: TraceOptions = {}): RawTrace {
    const T = ids.length;
    const top = options.top ?? DEFAULT_LENS_TOP;
    if (T === 0) throw new Error('trace needs at least one token');
    if (T > C) throw new Error(`trace takes at most ${C} tokens (the context length), not ${T}`);
    if (!(Number.isInteger(top) && top >= 1)) throw new Error(`top must be a positive integer, not ${top}`);
    for (const id of ids) {
      if (!(Number.isInteger(id) && id >= 0 && id < V)) throw new Error(`token id ${id} is outside the vocabulary (0…${V - 1})`);
    }
    const attention = new Float32Array(nLayer * nHead * T * T);
    const residualNorms = new Float32Array((nLayer + 1) * T);
    const attnNorms = new Float32Array(nLayer * T);
    const mlpNorms = new Float32Array(nLayer * T);
    const tokenEmbeddings = new Float32Array(T * d);
    const positionEmbeddings = new Float32Array(T * d);
    const lens: RawLensCandidate[][][] = [];
    // What each lens layer saw (ln_f of the residual stream) and its log-partition per row, so the
    // final answer's probability can be read at every layer once the answer is known.
    const lensInputs = new Float32Array((nLayer + 1) * T * d);
    const lensLse = new Float64Array((nLayer + 1) * T);
    const lensLayer = (L: number) => lensAt(T, top, lensInputs, lensLse, L);

    for (let t = 0; t < T; t++) {
      const te = ids[t]! * d, pe = t * d, o = t * d;
      for (let j = 0; j < d; j++) {
        tokenEmbeddings[o + j] = weights.wte[te + j]!;
        positionEmbeddings[o + j] = weights.wpe[pe + j]!;
        x[o + j] = weights.wte[te + j]! + weights.wpe[pe + j]!;
      }
    }
    norms(x, T, d, residualNorms, 0);
    lens.push(lensLayer(0));

    for (let l = 0; l < nLayer; l++) {
      const w = weights.layers[l]!;
      layerNorm(h, x, T, d, w.ln1Weight, w.ln1Bias, eps);
      matmulBias(qkv, 0, h, 0, T, d, w.attnWeight, 3 * d, w.attnBias);
      attend(l, T, attention);
      matmulBias(proj, 0, att, 0, T, d, w.attnProjWeight, d, w.attnProjBias);
      norms(proj, T, d, attnNorms, l * T);
      addInPlace(x, proj, T * d);
      layerNorm(h, x, T, d, w.ln2Weight, w.ln2Bias, eps);
      matmulBias(ff, 0, h, 0, T, d, w.fcWeight, 4 * d, w.fcBias);
      geluNew(ff, T * 4 * d);
      matmulBias(proj, 0, ff, 0, T, 4 * d, w.fcProjWeight, d, w.fcProjBias);
      norms(proj, T, d, mlpNorms, l * T);
      addInPlace(x, proj, T * d);
      norms(x, T, d, residualNorms, (l + 1) * T);
      lens.push(lensLayer(l + 1));
    }
    // `logits` still holds the last lens layer: the model's own final logits.
    const finalLogits = logits.slice(0, T * V);
    const answerProbs = new Float32Array((nLayer + 1) * T);
    for (let t = 0; t < T; t++) {
      const we = lens[nLayer]![t]![0]!.id * d;
      for (let L = 0; L <= nLayer; L++) {
        const hi = (L * T + t) * d;
        let logit = 0;
        for (let j = 0; j < d; j++) logit += lensInputs[hi + j]! * weights.wte[we + j]!;
        answerProbs[L * T + t] = Math.exp(logit - lensLse[L * T + t]!);
      }
    }
    return {
      ids: [...ids], nLayer, nHead, dModel: d, vocabSize: V,
      attention, lens, residualNorms, attnNorms, mlpNorms, tokenEmbeddings, positionEmbeddings, finalLogits, answerProbs,
    };
  }

  /** Causal self-attention over all T rows, as model.ts computes it, keeping every weight. */
  function attend(l: number, T: number, attention: Float32Array): void {
    const scale = 1 / Math.sqrt(hd);
    for (let i = 0; i < T; i++) {
      const q = i * 3 * d;
      for (let e = 0; e < d; e++) qkv[q + e] = qkv[q + e]! * scale;
      for (let hh = 0; hh < nHead; hh++) {
        const ho = hh * hd;
        // Keys and values are read straight from the qkv rows (stride 3d), not from a cache.
        kernels.attnScores(scores, 0, qkv, q + ho, qkv, d + ho, i + 1, 3 * d, hd);
        let max = -Infinity;
        for (let t = 0; t <= i; t++) if (scores[t]! > max) max = scores[t]!;
        let sum = 0;
        for (let t = 0; t <= i; t++) {
          const p = Math.exp(scores[t]! - max);
          scores[t] = p;
          sum += p;
        }
        const inv = 1 / sum;
        const row = ((l * nHead + hh) * T + i) * T;
        for (let t = 0; t <= i; t++) {
          scores[t] = scores[t]! * inv;
          attention[row + t] = scores[t]!;
        }
        kernels.attnMix(att, i * d + ho, scores, 0, qkv, 2 * d + ho, i + 1, 3 * d, hd);
      }
    }
  }

  /** The lens on the current residual stream: ln_f, the tied head, then each row's top candidates. */
  function lensAt(T: number, top: number, inputs: Float32Array, lses: Float64Array, L: number): RawLensCandidate[][] {
    layerNorm(h, x, T, d, weights.lnFWeight, weights.lnFBias, eps);
    inputs.set(h.subarray(0, T * d), L * T * d);
    tiedHead(logits, 0, h, 0, T, d, weights.wte, V);
    const rows: RawLensCandidate[][] = [];
    for (let t = 0; t < T; t++) {
      const off = t * V;
      // The top candidate is the row's maximum: one pass fewer than logSumExp's own.
      const ids = topKIds(logits, off, V, top);
      const max = logits[off + ids[0]!]!;
      let sum = 0;
      for (let v = 0; v < V; v++) sum += Math.exp(logits[off + v]! - max);
      const lse = max + Math.log(sum);
      lses[L * T + t] = lse;
      rows.push(ids.map((id) => ({ id, prob: Math.exp(logits[off + id]! - lse) })));
    }
    return rows;
  }

  return { trace };
}

/** out[off + t] = ‖x[t]‖₂ for the first `rows` rows of width d. */
function norms(x: Float32Array, rows: number, d: number, out: Float32Array, off: number): void {
  for (let t = 0; t < rows; t++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[t * d + j]! ** 2;
    out[off + t] = Math.sqrt(s);
  }
}

/** Attention weight of layer l, head h, query q on key k in a trace of T tokens. */
export function attentionAt(trace: { attention: Float32Array; nHead: number; ids: readonly number[] }, l: number, h: number, q: number, k: number): number {
  const T = trace.ids.length;
  return trace.attention[((l * trace.nHead + h) * T + q) * T + k]!;
}

/** The row of weights query q of head h in layer l gives to keys 0…T−1 (a view, no copy). */
export function attentionRow(trace: { attention: Float32Array; nHead: number; ids: readonly number[] }, l: number, h: number, q: number): Float32Array {
  const T = trace.ids.length;
  const off = ((l * trace.nHead + h) * T + q) * T;
  return trace.attention.subarray(off, off + T);
}
