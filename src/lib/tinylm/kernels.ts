/**
 * The f32 kernels of the forward pass. Plain loops over typed arrays with offsets (no subarray
 * views, so nothing is allocated), innermost loop contiguous, eight rows of the weight matrix per
 * pass so each output value is loaded and stored once per eight multiply-adds (measured: about
 * 1.2× the four-row version and 1.4× dot products over a transposed matrix, in V8).
 */

/**
 * out[i, :] = bias + x[i, :] · W for `rows` rows; W is `[k, n]` row-major (Conv1D layout).
 * Reading and writing at offsets lets callers work on slices of preallocated buffers.
 */
export function matmulBias(
  out: Float32Array, outOff: number,
  x: Float32Array, xOff: number,
  rows: number, k: number,
  w: Float32Array, n: number,
  bias: Float32Array,
): void {
  for (let i = 0; i < rows; i++) {
    const o = outOff + i * n;
    const xi = xOff + i * k;
    for (let j = 0; j < n; j++) out[o + j] = bias[j]!;
    let p = 0;
    for (; p + 7 < k; p += 8) {
      const a0 = x[xi + p]!, a1 = x[xi + p + 1]!, a2 = x[xi + p + 2]!, a3 = x[xi + p + 3]!;
      const a4 = x[xi + p + 4]!, a5 = x[xi + p + 5]!, a6 = x[xi + p + 6]!, a7 = x[xi + p + 7]!;
      const w0 = p * n, w1 = w0 + n, w2 = w1 + n, w3 = w2 + n, w4 = w3 + n, w5 = w4 + n, w6 = w5 + n, w7 = w6 + n;
      for (let j = 0; j < n; j++) {
        out[o + j] = out[o + j]! + a0 * w[w0 + j]! + a1 * w[w1 + j]! + a2 * w[w2 + j]! + a3 * w[w3 + j]! +
          a4 * w[w4 + j]! + a5 * w[w5 + j]! + a6 * w[w6 + j]! + a7 * w[w7 + j]!;
      }
    }
    for (; p < k; p++) {
      const a = x[xi + p]!;
      const wp = p * n;
      for (let j = 0; j < n; j++) out[o + j] = out[o + j]! + a * w[wp + j]!;
    }
  }
}

/**
 * out[i, v] = x[i, :] · wte[v, :] for `rows` rows: the tied lm_head. wte rows are contiguous, so
 * this is a dot product per (row, token) with four partial sums to shorten the dependency chain.
 */
export function tiedHead(
  out: Float32Array, outOff: number,
  x: Float32Array, xOff: number,
  rows: number, d: number,
  wte: Float32Array, vocab: number,
): void {
  for (let v = 0; v < vocab; v++) {
    const wv = v * d;
    for (let i = 0; i < rows; i++) {
      const xi = xOff + i * d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let p = 0;
      for (; p + 3 < d; p += 4) {
        s0 += x[xi + p]! * wte[wv + p]!;
        s1 += x[xi + p + 1]! * wte[wv + p + 1]!;
        s2 += x[xi + p + 2]! * wte[wv + p + 2]!;
        s3 += x[xi + p + 3]! * wte[wv + p + 3]!;
      }
      for (; p < d; p++) s0 += x[xi + p]! * wte[wv + p]!;
      out[outOff + i * vocab + v] = s0 + s1 + s2 + s3;
    }
  }
}

/** LayerNorm over each of `rows` rows of width d (biased variance, as PyTorch and tfjs). */
export function layerNorm(
  out: Float32Array, x: Float32Array, rows: number, d: number,
  weight: Float32Array, bias: Float32Array, eps: number,
): void {
  for (let i = 0; i < rows; i++) {
    const o = i * d;
    let mean = 0;
    for (let j = 0; j < d; j++) mean += x[o + j]!;
    mean /= d;
    let variance = 0;
    for (let j = 0; j < d; j++) {
      const c = x[o + j]! - mean;
      variance += c * c;
    }
    const inv = 1 / Math.sqrt(variance / d + eps);
    for (let j = 0; j < d; j++) out[o + j] = (x[o + j]! - mean) * inv * weight[j]! + bias[j]!;
  }
}

const GELU_C = Math.sqrt(2 / Math.PI);

/** gelu_new (the tanh approximation GPT-2 uses), in place over the first `count` values. */
export function geluNew(x: Float32Array, count: number): void {
  for (let i = 0; i < count; i++) {
    const v = x[i]!;
    x[i] = 0.5 * v * (1 + Math.tanh(GELU_C * (v + 0.044715 * v * v * v)));
  }
}

/** x[i] += y[i] for the first `count` values (the residual connection). */
export function addInPlace(x: Float32Array, y: Float32Array, count: number): void {
  for (let i = 0; i < count; i++) x[i] = x[i]! + y[i]!;
}

/**
 * out[outOff + t] = q[qOff … qOff+len) · k[kOff + t·stride …] for t < count: one head's attention
 * scores against `count` cached keys (rows of the cache are `stride` floats apart).
 */
export function attnScores(
  out: Float32Array, outOff: number, q: Float32Array, qOff: number,
  k: Float32Array, kOff: number, count: number, stride: number, len: number,
): void {
  for (let t = 0; t < count; t++) {
    const kt = kOff + t * stride;
    let s = 0;
    for (let e = 0; e < len; e++) s += q[qOff + e]! * k[kt + e]!;
    out[outOff + t] = s;
  }
}

/** out[outOff … +len) = Σ_t p[pOff + t] · v[vOff + t·stride …]: one head's weighted sum of values. */
export function attnMix(
  out: Float32Array, outOff: number, p: Float32Array, pOff: number,
  v: Float32Array, vOff: number, count: number, stride: number, len: number,
): void {
  for (let e = 0; e < len; e++) out[outOff + e] = 0;
  for (let t = 0; t < count; t++) {
    const w = p[pOff + t]!;
    const vt = vOff + t * stride;
    for (let e = 0; e < len; e++) out[outOff + e] = out[outOff + e]! + w * v[vt + e]!;
  }
}
