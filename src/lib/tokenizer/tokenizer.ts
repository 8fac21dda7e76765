/** The built-in model's tokenizer: a Hugging Face tokenizer.json loaded by @huggingface/tokenizers. */
import { Tokenizer } from '@huggingface/tokenizers';

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

/** Loads a parsed tokenizer.json (the object, not its text). */
export function loadTokenizer(json: object): TinyTokenizer {
  const tokenizer = new Tokenizer(json, {});
  const model = (json as { model?: { vocab?: Record<string, number> } }).model;
  const added = (json as { added_tokens?: { id: number }[] }).added_tokens ?? [];
  const ids = [...Object.values(model?.vocab ?? {}), ...added.map((t) => t.id)];
  const vocabSize = ids.length === 0 ? 0 : Math.max(...ids) + 1;
  return {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    decode: (ids) => ids.length === 0 ? '' : tokenizer.decode([...ids], { skip_special_tokens: false, clean_up_tokenization_spaces: false }),
    tokenText: (id) => tokenizer.decode([id], { skip_special_tokens: false, clean_up_tokenization_spaces: false }),
    vocabSize,
  };
}
