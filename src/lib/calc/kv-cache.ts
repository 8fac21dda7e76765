/**
 * Memory of the key/value cache: every layer keeps one key and one value vector per KV head for
 * every token in context. Grouped-query attention shrinks it by sharing KV heads (Llama-3-8B:
 * 8 KV heads for 32 query heads, a 4× saving that several popular calculators miss).
 */
import type { ModelShape } from './hf-config.ts';

/** Longest context and largest batch the calculator accepts (beyond any deployed model). */
export const MAX_CONTEXT = 10_000_000;
export const MAX_BATCH = 100_000;

/** Bytes of KV cache per token of context, for one sequence (2 bytes per value = FP16). */
export function kvBytesPerToken(shape: Pick<ModelShape, 'layers' | 'kvHeads' | 'headDim'>, bytesPerValue = 2): number {
  return 2 * shape.layers * shape.kvHeads * shape.headDim * bytesPerValue;
}

/**
 * Bytes of KV cache for `tokens` of context × `batch` sequences. This is the full-attention
 * upper bound: models with sliding-window layers (Mistral, Gemma 2) can keep less.
 */
export function kvCacheBytes(
  shape: Pick<ModelShape, 'layers' | 'kvHeads' | 'headDim'>,
  tokens: number,
  batch = 1,
  bytesPerValue = 2,
): number {
  if (!Number.isInteger(tokens) || tokens < 0 || tokens > MAX_CONTEXT) {
    throw new RangeError(`tokens must be a whole number from 0 to ${MAX_CONTEXT}`);
  }
  if (!Number.isInteger(batch) || batch < 1 || batch > MAX_BATCH) {
    throw new RangeError(`batch must be a whole number from 1 to ${MAX_BATCH}`);
  }
  return kvBytesPerToken(shape, bytesPerValue) * tokens * batch;
}
