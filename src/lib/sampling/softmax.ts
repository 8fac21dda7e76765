/**
 * Numerically stable softmax. Subtracting the largest logit first keeps every exponent ≤ 0, so
 * huge logits (or a tiny temperature dividing them) never overflow to Infinity/NaN.
 */

/** log Σ exp(x), computed without overflow; −Infinity for an empty input. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;
  if (max === Infinity) return Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
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
