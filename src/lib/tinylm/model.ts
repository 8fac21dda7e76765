/**
 * GPT-2 forward pass with a KV cache. Lifecycle: `createGptRunner` allocates every buffer once
 * (activations for a chunk of rows, the key/value cache for the whole context, one logits row);
 * each call then feeds only the tokens the cache does not already hold. The playground steps one
 * token at a time, so a call usually costs one token's worth of work.
 */
import type { GptConfig } from './config.ts';
import { addInPlace, geluNew, layerNorm } from './kernels.ts';
import { jsKernels, type Kernels } from './wasm-kernels.ts';
import type { GptWeights } from './weights.ts';

/** A loaded GPT-2 that turns token ids into logits, remembering what it has already seen. */
export interface GptRunner {
  readonly config: GptConfig;
  /** Largest number of tokens one `runChunk` call takes. */
  readonly chunkRows: number;
  /** A `chunkRows × vocabSize` buffer in kernel memory, for callers that want every row's logits. */
  readonly chunkLogits: Float32Array;
  /**
   * Logits of the token after `ids` (only the last `contextLength` ids are used). Reuses the cache
   * when `ids` extends (or shares a prefix with) the previous call's ids. The returned array is
   * owned by the runner and overwritten by the next call: copy it to keep it.
   */
  nextLogits(ids: ArrayLike<number>): Float32Array;
  /**
   * Feeds `count` ≤ chunkRows tokens `ids[idsOff…]` at positions `start…`, attending to the cache
   * for positions before `start`. Writes logits of rows `fromRow…count-1` to `logitsOut` (row-major,
   * `vocabSize` per row) when given.
   */
  runChunk(ids: ArrayLike<number>, idsOff: number, count: number, start: number, logitsOut: Float32Array | null, fromRow: number): void;
  /** Forgets the cache (the next call recomputes from the first token). */
  reset(): void;
}

/** Options for the runner's buffers. */
export interface RunnerOptions {
  /** Tokens per prefill chunk (default 64): bounds activation memory and score's cancel latency. */
  chunkRows?: number;
  /** Kernels and the memory they run on (default: scalar JavaScript). Weights must live there too. */
  kernels?: Kernels;
}

const DEFAULT_CHUNK_ROWS = 64;

/** Floats a runner allocates (activations, caches, logits), to size kernel memory up front. */
export function runnerFloats(config: GptConfig, chunkRows = DEFAULT_CHUNK_ROWS): number {
  const { dModel: d, contextLength: C, vocabSize: V, nLayer } = config;
  const rows = Math.max(1, Math.min(C, chunkRows));
  return rows * d * 4 + rows * 3 * d + rows * 4 * d + C + V + rows * V + 2 * nLayer * C * d + 64 * 16;
}

/** Floats of all weights of a config. */
export function weightFloats(w: GptWeights): number {
  let n = w.wte.length + w.wpe.length + w.lnFWeight.length + w.lnFBias.length;
  for (const l of w.layers) for (const t of Object.values(l)) n += t.length;
  return n;
}

/** Copies every weight into memory from `alloc` (the kernels' memory). */
export function placeWeights(w: GptWeights, alloc: (n: number) => Float32Array): GptWeights {
  const copy = (a: Float32Array) => {
    const b = alloc(a.length);
    b.set(a);
    return b;
  };
  return {
    wte: copy(w.wte),
    wpe: copy(w.wpe),
    lnFWeight: copy(w.lnFWeight),
    lnFBias: copy(w.lnFBias),
    layers: w.layers.map((l) => ({
      ln1Weight: copy(l.ln1Weight), ln1Bias: copy(l.ln1Bias),
      attnWeight: copy(l.attnWeight), attnBias: copy(l.attnBias),
      attnProjWeight: copy(l.attnProjWeight), attnProjBias: copy(l.attnProjBias),
      ln2Weight: copy(l.ln2Weight), ln2Bias: copy(l.ln2Bias),
      fcWeight: copy(l.fcWeight), fcBias: copy(l.fcBias),
      fcProjWeight: copy(l.fcProjWeight), fcProjBias: copy(l.fcProjBias),
    })),
  };
}

/** Creates a runner over `weights`; all memory it will use is allocated here. */
export function createGptRunner(weights: GptWeights, config: GptConfig, options: RunnerOptions = {}): GptRunner {
  const { dModel: d, nLayer, nHead, contextLength: C, vocabSize: V, layerNormEpsilon: eps } = config;
  const hd = d / nHead;
  const rowsMax = Math.max(1, Math.min(C, options.chunkRows ?? DEFAULT_CHUNK_ROWS));
  const kernels = options.kernels ?? jsKernels;
  const { alloc, matmulBias, tiedHead } = kernels;
  const x = alloc(rowsMax * d);
  const h = alloc(rowsMax * d);
  const qkv = alloc(rowsMax * 3 * d);
  const att = alloc(rowsMax * d);
  const proj = alloc(rowsMax * d);
  const ff = alloc(rowsMax * 4 * d);
  const scores = alloc(C);
  const lastLogits = alloc(V);
  const chunkLogits = alloc(rowsMax * V);
  const kCache = weights.layers.map(() => alloc(C * d));
  const vCache = weights.layers.map(() => alloc(C * d));
  const cachedIds = new Int32Array(C);
  let cachedLen = 0;
  let lastValid = false;

  function runChunk(ids: ArrayLike<number>, idsOff: number, count: number, start: number, logitsOut: Float32Array | null, fromRow: number): void {
    if (count < 1 || count > rowsMax) throw new Error(`runChunk: count ${count} outside 1…${rowsMax}`);
    if (start < 0 || start > cachedLen || start + count > C) throw new Error(`runChunk: positions ${start}…${start + count - 1} do not follow the cache`);
    // Check every id before touching the cache, so a bad id leaves it as it was.
    for (let i = 0; i < count; i++) {
      const id = ids[idsOff + i]!;
      if (!(Number.isInteger(id) && id >= 0 && id < V)) throw new Error(`token id ${id} is outside the vocabulary (0…${V - 1})`);
    }
    lastValid = false;
    for (let i = 0; i < count; i++) {
      const id = ids[idsOff + i]!;
      cachedIds[start + i] = id;
      const te = id * d, pe = (start + i) * d, o = i * d;
      for (let j = 0; j < d; j++) x[o + j] = weights.wte[te + j]! + weights.wpe[pe + j]!;
    }
    // Until the chunk is done, the cache beyond `start` is half written: mark it invalid first.
    cachedLen = start;
    for (let l = 0; l < nLayer; l++) {
      const w = weights.layers[l]!;
      const kc = kCache[l]!, vc = vCache[l]!;
      layerNorm(h, x, count, d, w.ln1Weight, w.ln1Bias, eps);
      matmulBias(qkv, 0, h, 0, count, d, w.attnWeight, 3 * d, w.attnBias);
      for (let i = 0; i < count; i++) {
        const src = i * 3 * d, dst = (start + i) * d;
        for (let j = 0; j < d; j++) {
          kc[dst + j] = qkv[src + d + j]!;
          vc[dst + j] = qkv[src + 2 * d + j]!;
        }
      }
      attention(kernels, qkv, count, start, kc, vc, att, scores, d, nHead, hd);
      matmulBias(proj, 0, att, 0, count, d, w.attnProjWeight, d, w.attnProjBias);
      addInPlace(x, proj, count * d);
      layerNorm(h, x, count, d, w.ln2Weight, w.ln2Bias, eps);
      matmulBias(ff, 0, h, 0, count, d, w.fcWeight, 4 * d, w.fcBias);
      geluNew(ff, count * 4 * d);
      matmulBias(proj, 0, ff, 0, count, 4 * d, w.fcProjWeight, d, w.fcProjBias);
      addInPlace(x, proj, count * d);
    }
    cachedLen = start + count;
    if (logitsOut) {
      layerNorm(h, x, count, d, weights.lnFWeight, weights.lnFBias, eps);
      tiedHead(logitsOut, 0, h, fromRow * d, count - fromRow, d, weights.wte, V);
    }
  }

  function nextLogits(ids: ArrayLike<number>): Float32Array {
    const n = ids.length;
    if (n === 0) throw new Error('the model needs at least one token to predict the next');
    const off = Math.max(0, n - C);
    const m = n - off;
    let p = 0;
    const common = Math.min(cachedLen, m);
    while (p < common && cachedIds[p] === ids[off + p]) p++;
    if (p === m && cachedLen === m && lastValid) return lastLogits;
    if (p === m) p = m - 1;
    while (p < m) {
      const count = Math.min(rowsMax, m - p);
      const last = p + count === m;
      runChunk(ids, off + p, count, p, last ? lastLogits : null, count - 1);
      p += count;
    }
    lastValid = true;
    return lastLogits;
  }

  return {
    config,
    chunkRows: rowsMax,
    chunkLogits,
    nextLogits,
    runChunk,
    reset() {
      cachedLen = 0;
      lastValid = false;
    },
  };
}

/** Causal self-attention of `rows` new queries against cache positions 0…start+i. */
function attention(
  kernels: Kernels, qkv: Float32Array, rows: number, start: number,
  kc: Float32Array, vc: Float32Array, out: Float32Array, scores: Float32Array,
  d: number, nHead: number, hd: number,
): void {
  const scale = 1 / Math.sqrt(hd);
  for (let i = 0; i < rows; i++) {
    const pos = start + i;
    const q = i * 3 * d;
    // The query is not needed after this: scale it once instead of every score.
    for (let e = 0; e < d; e++) qkv[q + e] = qkv[q + e]! * scale;
    for (let hh = 0; hh < nHead; hh++) {
      const ho = hh * hd;
      kernels.attnScores(scores, 0, qkv, q + ho, kc, ho, pos + 1, d, hd);
      let max = -Infinity;
      for (let t = 0; t <= pos; t++) if (scores[t]! > max) max = scores[t]!;
      let sum = 0;
      for (let t = 0; t <= pos; t++) {
        const p = Math.exp(scores[t]! - max);
        scores[t] = p;
        sum += p;
      }
      const inv = 1 / sum;
      for (let t = 0; t <= pos; t++) scores[t] = scores[t]! * inv;
      kernels.attnMix(out, i * d + ho, scores, 0, vc, ho, pos + 1, d, hd);
    }
  }
}
