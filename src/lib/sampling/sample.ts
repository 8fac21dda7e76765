import type { Rng } from './rng.ts';

/**
 * Draws an index with probability proportional to `probs[i]` among the first `count` entries
 * (the ones the filters kept), by inverse transform of one uniform number. Weights must be finite
 * and ≥ 0 (a RangeError names the first that is not); when all are 0, index 0 is returned.
 */
export function sampleIndex(probs: ArrayLike<number>, rng: Rng, count = probs.length): number {
  const n = Math.min(count, probs.length);
  if (n <= 0) throw new RangeError('cannot sample from an empty distribution');
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = probs[i];
    if (!(p >= 0 && p < Infinity)) throw new RangeError(`weight ${i} is ${p}: weights must be finite and ≥ 0`);
    total += p;
  }
  // Finite weights can still sum past the largest double: scale them down instead of sampling ∞.
  if (total === Infinity) {
    const scaled = Float64Array.from({ length: n }, (_, i) => probs[i] / 2 ** 64);
    return sampleIndex(scaled, rng, n);
  }
  if (!(total > 0)) return 0;
  const target = rng() * total;
  let acc = 0;
  let lastPositive = 0;
  for (let i = 0; i < n; i++) {
    if (probs[i] <= 0) continue;
    acc += probs[i];
    lastPositive = i;
    if (target < acc) return i;
  }
  // Rounding can leave target ≥ acc by an ulp; the last token with mass is the honest answer.
  return lastPositive;
}
