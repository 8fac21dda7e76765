/**
 * The one tokenizer interface, and the one place a tokenizer.json is read: the built-in model's
 * Hugging Face tokenizer.json, checked against its schema and loaded by @huggingface/tokenizers.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { readTokenizerJson, storedTokens } from './tokenizer-json.ts';

export { readTokenizerJson, storedTokens };

/** What every widget and tool needs from a tokenizer. */
export interface TinyTokenizer {
  /** Token ids of `text`, no special tokens added. */
  encode(text: string): number[];
  /** The text of a sequence of ids; exact inverse of encode for any Unicode. */
  decode(ids: readonly number[]): string;
  /** The text one token stands for (may be part of a UTF-8 character: shown with U+FFFD). */
  tokenText(id: number): string;
  /** Number of ids, special tokens included. */
  vocabSize: number;
}

/** A tokenizer that can also say which piece of text each token contributed (src/lib/tinylm). */
export interface PieceTokenizer extends TinyTokenizer {
  /** Pieces of `ids`' decoded text, one per token, that concatenate to it exactly. */
  pieces(ids: readonly number[]): string[];
}

/** Loads a parsed tokenizer.json (the object, not its text). */
export function loadTokenizer(raw: unknown): TinyTokenizer {
  const json = readTokenizerJson(raw);
  const tokenizer = new Tokenizer(json, {});
  const ids = [...storedTokens(json).keys()];
  const vocabSize = ids.length === 0 ? 0 : Math.max(...ids) + 1;
  return {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    decode: (ids) => ids.length === 0 ? '' : tokenizer.decode([...ids], { skip_special_tokens: false, clean_up_tokenization_spaces: false }),
    tokenText: (id) => tokenizer.decode([id], { skip_special_tokens: false, clean_up_tokenization_spaces: false }),
    vocabSize,
  };
}
