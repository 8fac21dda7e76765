/**
 * Memory to run a model: weights + KV cache + an overhead for activations, temporary buffers
 * and the runtime. The overhead is a stated rule of thumb, not a measurement: EleutherAI's
 * "Transformer Math 101" puts total inference memory at about 1.2 × the weights.
 */

/** The overhead as a fraction of the weights (EleutherAI, Transformer Math 101). */
export const INFERENCE_OVERHEAD = 0.2;

/** Memory needed to run a model, by part, in bytes. */
export interface InferenceMemory {
  weights: number;
  kvCache: number;
  overhead: number;
  total: number;
}

/** Adds weights, KV cache and the stated overhead. */
export function inferenceMemory(weightsBytes: number, kvCacheBytes: number, overheadFraction = INFERENCE_OVERHEAD): InferenceMemory {
  for (const [name, v] of [['weights', weightsBytes], ['kvCache', kvCacheBytes], ['overhead', overheadFraction]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a non-negative number`);
  }
  const overhead = weightsBytes * overheadFraction;
  return { weights: weightsBytes, kvCache: kvCacheBytes, overhead, total: weightsBytes + kvCacheBytes + overhead };
}
