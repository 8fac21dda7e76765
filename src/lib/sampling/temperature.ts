import { softmax } from './softmax.ts';

/** Index of the largest value; the first one on ties (candidates arrive sorted, so rank 1 wins). */
export function argmax(values: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    if (best === -1 || values[i] > values[best]) best = i;
  }
  return best;
}

/**
 * Probabilities at temperature T: softmax(logit / T). T = 0 means greedy decoding, a one-hot on
 * the argmax; any T > 0, however small (5e-324 included), divides (logit − max) rather than the
 * logit, so nothing overflows: the top logit stays 0 and the others go to −∞, the greedy limit
 * (ties at the top share the mass). T = ∞ makes every token with a finite logit equally likely;
 * a −∞ (banned) token stays at 0 at any temperature.
 */
export function temperatureProbs(logits: ArrayLike<number>, temperature: number): Float64Array {
  if (!(temperature >= 0)) throw new RangeError(`temperature must be ≥ 0, got ${temperature}`);
  if (temperature === 0) {
    const out = new Float64Array(logits.length);
    const best = argmax(logits);
    if (best >= 0) out[best] = 1;
    return out;
  }
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  const scaled = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) {
    const l = logits[i];
    const v = l === max ? 0 : (l - max) / temperature;
    scaled[i] = Number.isNaN(v) ? -Infinity : v;
  }
  return softmax(scaled);
}
