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
 * the argmax; any T > 0, however small, goes through the stable softmax, so 0.05 cannot overflow.
 */
export function temperatureProbs(logits: ArrayLike<number>, temperature: number): Float64Array {
  if (!(temperature >= 0)) throw new RangeError(`temperature must be ≥ 0, got ${temperature}`);
  if (temperature === 0) {
    const out = new Float64Array(logits.length);
    const best = argmax(logits);
    if (best >= 0) out[best] = 1;
    return out;
  }
  const scaled = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) scaled[i] = logits[i] / temperature;
  return softmax(scaled);
}
