/**
 * The lab's fallback tokenizer: one token per UTF-8 byte (256 ids). Used when the built-in
 * tokenizer.json cannot be loaded; every text still round-trips exactly.
 */
import type { TinyTokenizer } from '../tokenizer/tokenizer.ts';

/** A byte-level tokenizer with a vocabulary of 256. */
export function createByteTokenizer(): TinyTokenizer {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return {
    encode: (text) => [...encoder.encode(text)],
    decode: (ids) => decoder.decode(Uint8Array.from(ids)),
    tokenText: (id) => decoder.decode(Uint8Array.of(id)),
    vocabSize: 256,
  };
}
