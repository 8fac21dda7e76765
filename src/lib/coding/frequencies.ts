/**
 * Turning a model's float probabilities into the integer frequencies an arithmetic coder needs.
 * Encoder and decoder run this on the same floats, so the integers are identical on both sides;
 * every symbol gets at least 1, so any token stays encodable even when the model calls it impossible.
 */

/** Default frequency budget: 2^20 keeps the floor of 1 per token cheap for vocabularies of thousands. */
export const DEFAULT_TOTAL = 2 ** 20;

/**
 * Cumulative frequencies (length V + 1, starting at 0) for probabilities `probs` (any
 * non-negative weights; NaN, negative or infinite entries count as 0). The last entry is the
 * total, at most `budget`.
 */
export function cumulativeFrequencies(probs: ArrayLike<number>, budget = DEFAULT_TOTAL): Uint32Array {
  const V = probs.length;
  if (V < 1) throw new RangeError('a distribution needs at least one symbol');
  if (2 * V > budget) throw new RangeError(`${V} symbols do not fit a frequency budget of ${budget}`);
  let sum = 0;
  for (let i = 0; i < V; i++) {
    const p = probs[i]!;
    if (p > 0 && p < Infinity) sum += p;
  }
  const spare = budget - V;
  const cum = new Uint32Array(V + 1);
  let acc = 0;
  for (let i = 0; i < V; i++) {
    const p = probs[i]!;
    const share = sum > 0 && p > 0 && p < Infinity ? Math.floor((p / sum) * spare) : 0;
    acc += 1 + share;
    cum[i + 1] = acc;
  }
  return cum;
}

/** The symbol whose interval [cum[s], cum[s+1]) contains `target` (binary search). */
export function symbolAt(cum: Uint32Array, target: number): number {
  let lo = 0;
  let hi = cum.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (cum[mid]! <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
