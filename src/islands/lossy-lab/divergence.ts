/**
 * How far a smaller or lower-precision model's predictions are from the largest model's:
 * KL(largest ‖ model), in bits per token, averaged over the positions of a text. 0 means the
 * same predictions; it grows as the compressed model blurs what the large one knows.
 */
import type { Engine, NextTokenDistribution } from '../../lib/engine/types.ts';

/** Probabilities by token id from a sorted distribution (ids absent from a top-k list get 0). */
export function probabilitiesById(d: NextTokenDistribution, vocabSize: number): Float64Array {
  const p = new Float64Array(vocabSize);
  for (let i = 0; i < d.ids.length; i++) {
    const id = d.ids[i]!;
    if (id >= 0 && id < vocabSize) p[id] = Math.exp(d.logits[i]! - d.logSumExp);
  }
  return p;
}

/** KL(p ‖ q) in bits; q's zeros where p > 0 are floored at 1e-12 so the result stays finite. */
export function klBits(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (pi > 0) kl += pi * Math.log2(pi / Math.max(q[i]!, 1e-12));
  }
  return Math.max(0, kl);
}

/** Next-token distributions of `engine` at every position of `ids` after the first. */
export async function distributionsAlong(engine: Engine, ids: readonly number[], vocabSize: number, signal?: AbortSignal): Promise<Float64Array[]> {
  const out: Float64Array[] = [];
  for (let n = 1; n < ids.length; n++) {
    signal?.throwIfAborted();
    out.push(probabilitiesById(await engine.nextTokenDistribution(ids.slice(0, n) as number[]), vocabSize));
  }
  return out;
}

/** Mean KL(reference ‖ model) in bits per token over matching positions. */
export function meanKlBits(reference: readonly Float64Array[], model: readonly Float64Array[]): number {
  const n = Math.min(reference.length, model.length);
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += klBits(reference[i]!, model[i]!);
  return sum / n;
}
