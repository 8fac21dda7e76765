/**
 * Reduces a full vocabulary of logits (50k–150k floats) to what crosses from the worker to the
 * page: the top candidates and log Σ exp over everything, so the page still knows the tail's mass.
 */

/** The top candidates of a logit vector, sorted highest first, with the full logSumExp. */
export interface TopCandidates {
  ids: Int32Array;
  logits: Float32Array;
  logSumExp: number;
}

/** Numerically stable log Σ exp(x): subtracts the max so exp never overflows. NaN entries are skipped. */
export function logSumExp(logits: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i];
    if (v === v) sum += Math.exp(v - max);
  }
  return max + Math.log(sum);
}

/**
 * The `k` highest logits and their ids, highest first (ties: lower id first). One pass with a small
 * sorted buffer: almost every logit is below the current k-th and is rejected with one comparison.
 */
export function topCandidates(logits: ArrayLike<number>, k: number): TopCandidates {
  const n = Math.max(0, Math.min(Math.floor(k), logits.length));
  const ids = new Int32Array(n);
  const vals = new Float32Array(n).fill(-Infinity);
  let filled = 0;
  for (let i = 0; i < logits.length && n > 0; i++) {
    const v = logits[i];
    if (v !== v) continue;
    if (filled === n && v <= vals[n - 1]) continue;
    let j = filled < n ? filled++ : n - 1;
    while (j > 0 && vals[j - 1] < v) {
      vals[j] = vals[j - 1];
      ids[j] = ids[j - 1];
      j--;
    }
    vals[j] = v;
    ids[j] = i;
  }
  return { ids: ids.slice(0, filled), logits: vals.slice(0, filled), logSumExp: logSumExp(logits) };
}

/** 1 + how many logits beat `id`'s: the rank a token had in the model's prediction. */
export function rankOf(logits: ArrayLike<number>, id: number): number {
  const target = logits[id];
  let rank = 1;
  for (let i = 0; i < logits.length; i++) if (logits[i] > target) rank++;
  return rank;
}
