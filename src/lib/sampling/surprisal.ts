/**
 * Totals of a scored text: how many bits the model needs to encode it. −log₂ p summed over the
 * tokens is exactly the length an arithmetic coder driven by the model would reach (± 2 bits).
 */

/** Bits, bits per byte and perplexity of a scored text. */
export interface SurprisalTotals {
  /** Number of tokens scored. */
  tokens: number;
  /** −Σ log₂ p over the scored tokens. */
  bits: number;
  /** bits / UTF-8 bytes of the scored text; 8 means no better than storing the bytes. */
  bitsPerByte: number;
  /** exp(mean −ln p): the model was, on average, as unsure as a choice among this many tokens. */
  perplexity: number;
}

/** Totals from natural-log probabilities and the byte length of the text they cover. */
export function surprisalTotals(logprobs: ArrayLike<number>, bytes: number): SurprisalTotals {
  let nats = 0;
  for (let i = 0; i < logprobs.length; i++) nats -= logprobs[i];
  const tokens = logprobs.length;
  const bits = nats / Math.LN2;
  return {
    tokens,
    bits,
    bitsPerByte: bytes > 0 ? bits / bytes : NaN,
    perplexity: tokens > 0 ? Math.exp(nats / tokens) : NaN,
  };
}

/** Surprisal of one token in bits. */
export function tokenBits(logprob: number): number {
  return -logprob / Math.LN2;
}
