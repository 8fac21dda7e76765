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
 * token that follows `prefix`. It must answer identically for identical prefixes. The coder grows
 * one array token by token and passes it each time (no copies, so coding stays linear): read it
 * during the call, do not keep it.
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
  const prefix: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    options.signal?.throwIfAborted();
    const probs = await model(prefix);
    const id = ids[i]!;
    prefix.push(id);
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
    if (i === 0) {
      const most = maxTokensIn(payload.length, probs.length);
      if (count > most) throw new TokenCountError(count, payload.length, most);
    }
    const cum = cumulativeFrequencies(probs, DEFAULT_TOTAL);
    const total = cum[probs.length]!;
    const id = symbolAt(cum, decoder.target(total));
    decoder.consume(cum[id]!, cum[id + 1]! - cum[id]!, total);
    ids.push(id);
    options.onProgress?.(i + 1, count);
  }
  return ids;
}

/**
 * The most tokens a payload of `payloadBytes` can hold with a vocabulary of `vocabSize`. Every
 * token keeps a frequency of at least 1, so the likeliest token gets at most
 * DEFAULT_TOTAL − (V − 1) of DEFAULT_TOTAL and costs at least −log₂ of that share; the encoder
 * writes at least the sum of the costs in bits. A header claiming more is damaged (or hostile):
 * decoding it would run for as long as the claim, producing garbage that fails its checksum.
 */
export function maxTokensIn(payloadBytes: number, vocabSize: number): number {
  if (vocabSize <= 1) return 0;
  // Halved: the coder's last symbol also takes the range's remainder, a little more than its share.
  const minBits = -Math.log2((DEFAULT_TOTAL - (vocabSize - 1)) / DEFAULT_TOTAL) / 2;
  return Math.floor((8 * payloadBytes) / minBits) + 1;
}

/** The header's token count cannot fit in the payload. */
export class TokenCountError extends RangeError {
  override name = 'TokenCountError';
  readonly count: number;
  readonly most: number;
  constructor(count: number, payloadBytes: number, most: number) {
    super(`the header claims ${count} tokens, but ${payloadBytes} bytes of payload can hold at most ${most}: the file is damaged`);
    this.count = count;
    this.most = most;
  }
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
