/**
 * Reading a tokenizer.json without loading a tokenizer: the schema check and the id → stored
 * string table. Kept apart from tokenizer.ts so that a widget that only lists the vocabulary
 * does not ship @huggingface/tokenizers.
 */
import { parseWith, tokenizerJsonSchema, type TokenizerJson } from '../data/schemas.ts';

/** Checks a parsed tokenizer.json; throws naming the field that is wrong. */
export function readTokenizerJson(json: unknown): TokenizerJson {
  return parseWith(tokenizerJsonSchema, json, 'tokenizer.json');
}

/** Every id's stored string: model.vocab, then added tokens (which win on a clash). */
export function storedTokens(json: TokenizerJson): Map<number, string> {
  const tokenOf = new Map<number, string>();
  for (const [token, id] of Object.entries(json.model.vocab)) tokenOf.set(id, token);
  for (const t of json.added_tokens ?? []) tokenOf.set(t.id, t.content);
  return tokenOf;
}
