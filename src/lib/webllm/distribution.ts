/**
 * Reduces a full vocabulary of logits (50k–150k floats) to what crosses from the worker to the
 * page: the top candidates and log Σ exp over everything, so the page still knows the tail's mass.
 */
import { logSumExp } from '../sampling/softmax.ts';

export { logSumExp, rankOf } from '../sampling/softmax.ts';


/** The top candidates of a logit vector, sorted highest first, with the full logSumExp. */
export interface TopCandidates {
  ids: Int32Array;
  logits: Float32Array;
  logSumExp: number;
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
