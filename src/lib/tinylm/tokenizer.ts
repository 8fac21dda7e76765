/**
 * The built-in model's tokenizer (src/lib/tokenizer) plus the byte-exact view the engine needs:
 * per-token pieces that join back to the input even where a token splits a UTF-8 character.
 */
import { loadTokenizer, type TinyTokenizer as BaseTokenizer } from '../tokenizer/tokenizer.ts';
import { byteLevelTokenBytes, piecesByToken } from './token-bytes.ts';

/** The project tokenizer plus `pieces`. */
export interface TinyTokenizer extends BaseTokenizer {
  /** Pieces of `ids`' decoded text, one per token, that concatenate to it exactly. */
  pieces(ids: readonly number[]): string[];
  /** The exact bytes token `id` stands for. */
  tokenBytes(id: number): Uint8Array;
}

/** Loads a parsed `tokenizer.json` (byte-level BPE). */
export function loadTinyTokenizer(json: unknown): TinyTokenizer {
  const base = loadTokenizer(json as object);
  const j = json as { model?: { vocab?: Record<string, number> }; added_tokens?: { id: number; content: string }[] };
  const tokenOf = new Map<number, string>();
  for (const [token, id] of Object.entries(j.model?.vocab ?? {})) tokenOf.set(id, token);
  for (const t of j.added_tokens ?? []) tokenOf.set(t.id, t.content);
  const bytesCache = new Map<number, Uint8Array>();
  const bytesOf = (id: number): Uint8Array => {
    let b = bytesCache.get(id);
    if (!b) {
      const token = tokenOf.get(id);
      if (token === undefined) throw new Error(`token id ${id} is outside the vocabulary`);
      b = byteLevelTokenBytes(token);
      bytesCache.set(id, b);
    }
    return b;
  };
  return { ...base, pieces: (ids) => piecesByToken(ids.map(bytesOf)), tokenBytes: bytesOf };
}
