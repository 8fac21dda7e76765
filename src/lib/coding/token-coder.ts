/**
 * Arithmetic coding of a token sequence under a language model: each token costs about
 * −log₂ p(token | tokens before it) bits, so text the model predicts well becomes few bytes.
 * Encoder and decoder ask the model the same questions in the same order, so they quantise
 * the same probabilities to the same integers and stay in step.
 */
import { createArithmeticDecoder, createArithmeticEncoder } from './arithmetic-coder.ts';
import { cumulativeFrequencies, DEFAULT_TOTAL, symbolAt } from './frequencies.ts';

/**
 * The model the coder consults: probabilities (any non-negative weights, one per token id) of the
 * token that follows `prefix`. It must answer identically for identical prefixes.
 */
export type ProbabilityModel = (prefix: readonly number[]) => Float32Array | Float64Array | Promise<Float32Array | Float64Array>;

/** Options shared by encode and decode. */
export interface TokenCoderOptions {
  /** Called after each token with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Stops the work between tokens (rejects with the signal's reason). */
  signal?: AbortSignal;
}

/** What encoding produced, with the numbers a reader compares. */
export interface EncodedTokens {
  payload: Uint8Array;
  /** Σ −log₂ p(token) under the model's own (unquantised) probabilities: the ideal code length. */
  modelBits: number;
}

/** Arithmetic-codes `ids` with `model`; the payload alone does not say how many tokens it holds. */
export async function encodeTokens(ids: readonly number[], model: ProbabilityModel, options: TokenCoderOptions = {}): Promise<EncodedTokens> {
  const encoder = createArithmeticEncoder();
  let modelBits = 0;
  for (let i = 0; i < ids.length; i++) {
    options.signal?.throwIfAborted();
    const probs = await model(ids.slice(0, i));
    const id = ids[i]!;
    if (!(Number.isInteger(id) && id >= 0 && id < probs.length)) {
      throw new RangeError(`token id ${id} at position ${i} is outside the model's vocabulary of ${probs.length}`);
    }
    const cum = cumulativeFrequencies(probs, DEFAULT_TOTAL);
    encoder.encode(cum[id]!, cum[id + 1]! - cum[id]!, cum[probs.length]!);
    modelBits += bitsOf(probs, id);
    options.onProgress?.(i + 1, ids.length);
  }
  return { payload: encoder.finish(), modelBits };
}

/** Decodes `count` tokens from `payload` with the same `model` that encoded them. */
export async function decodeTokens(payload: Uint8Array, count: number, model: ProbabilityModel, options: TokenCoderOptions = {}): Promise<number[]> {
  const decoder = createArithmeticDecoder(payload);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    options.signal?.throwIfAborted();
    const probs = await model(ids);
    const cum = cumulativeFrequencies(probs, DEFAULT_TOTAL);
    const total = cum[probs.length]!;
    const id = symbolAt(cum, decoder.target(total));
    decoder.consume(cum[id]!, cum[id + 1]! - cum[id]!, total);
    ids.push(id);
    options.onProgress?.(i + 1, count);
  }
  return ids;
}

/** −log₂ of token `id`'s share of the weights in `probs`. */
function bitsOf(probs: ArrayLike<number>, id: number): number {
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (p > 0 && p < Infinity) sum += p;
  }
  const p = probs[id]!;
  return p > 0 && sum > 0 ? -Math.log2(p / sum) : Infinity;
}
