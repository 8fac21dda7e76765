/**
 * Nucleus (top-p) truncation on probabilities sorted from most to least likely: the smallest
 * prefix whose mass reaches p. Returns how many to keep (at least 1).
 */
export function topPCount(sortedProbs: ArrayLike<number>, p: number): number {
  const n = sortedProbs.length;
  if (n === 0) return 0;
  // p ≥ 1 keeps everything: floating-point sums may end just below 1 and would otherwise cut the tail.
  if (!(p < 1)) return n;
  let mass = 0;
  for (let i = 0; i < n; i++) {
    mass += sortedProbs[i];
    if (mass >= p) return i + 1;
  }
  return n;
}
