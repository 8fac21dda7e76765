/**
 * The one home of the distribution arithmetic every model shares (the built-in engine, the WebLLM
 * worker, the sampling controls): log Σ exp, softmax, a token's rank. Numerically stable:
 * subtracting the largest logit first keeps every exponent ≤ 0, so huge logits (or a tiny
 * temperature dividing them) never overflow to Infinity/NaN.
 */

/**
 * log Σ exp over `values[off … off+n)` (the whole array by default), computed without overflow:
 * −Infinity for an empty input or all −∞, +Infinity when one value is +∞; NaN entries are skipped.
 */
export function logSumExp(values: ArrayLike<number>, off = 0, n = values.length - off): number {
  let max = -Infinity;
  for (let i = off; i < off + n; i++) if (values[i]! > max) max = values[i]!;
  if (max === -Infinity) return -Infinity;
  if (max === Infinity) return Infinity;
  let sum = 0;
  for (let i = off; i < off + n; i++) {
    const v = values[i]!;
    if (v === v) sum += Math.exp(v - max);
  }
  return max + Math.log(sum);
}

/**
 * 1 + how many values of `values[off … off+n)` beat token `id`'s (1 = the model's top guess);
 * `id` counts from `off`.
 */
export function rankOf(values: ArrayLike<number>, id: number, off = 0, n = values.length - off): number {
  const target = values[off + id]!;
  let rank = 1;
  for (let i = off; i < off + n; i++) if (values[i]! > target) rank++;
  return rank;
}

/**
 * Probabilities proportional to exp(logit), summing to 1 (all zero for an empty input). Edges,
 * each the limit of finite logits: +∞ logits share all the mass equally; −∞ and NaN logits get
 * none; when every logit is −∞ (or NaN) nothing is preferred, so the result is uniform.
 */
export function softmax(logits: ArrayLike<number>): Float64Array {
  const out = new Float64Array(logits.length);
  if (logits.length === 0) return out;
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  if (max === -Infinity) {
    // Every logit is −∞: nothing is preferred, so fall back to uniform rather than 0/0 = NaN.
    out.fill(1 / logits.length);
    return out;
  }
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const l = logits[i];
    // l === max covers +∞ (∞ − ∞ would be NaN); NaN > max is false, so NaN gets exp(NaN) → 0 here.
    const e = l === max ? 1 : Math.exp(l - max);
    out[i] = Number.isNaN(e) ? 0 : e;
    sum += out[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}
