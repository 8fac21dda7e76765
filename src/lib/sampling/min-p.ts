/**
 * Min-p truncation on probabilities sorted from most to least likely: keep tokens at least
 * `minP` times as likely as the top one (Nguyen et al. 2024). Returns how many to keep (≥ 1).
 */
export function minPCount(sortedProbs: ArrayLike<number>, minP: number): number {
  const n = sortedProbs.length;
  if (n === 0) return 0;
  if (!(minP > 0)) return n;
  const threshold = sortedProbs[0] * Math.min(1, minP);
  let count = 1;
  while (count < n && sortedProbs[count] >= threshold) count++;
  return count;
}
