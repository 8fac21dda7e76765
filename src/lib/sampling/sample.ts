import type { Rng } from './rng.ts';

/**
 * Draws an index with probability proportional to `probs[i]` among the first `count` entries
 * (the ones the filters kept), by inverse transform of one uniform number.
 */
export function sampleIndex(probs: ArrayLike<number>, rng: Rng, count = probs.length): number {
  const n = Math.min(count, probs.length);
  if (n <= 0) throw new RangeError('cannot sample from an empty distribution');
  let total = 0;
  for (let i = 0; i < n; i++) total += probs[i];
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
