/**
 * The built-in model's tokenizer (src/lib/tokenizer) plus the byte-exact view the engine needs:
 * per-token pieces that join back to the input even where a token splits a UTF-8 character.
 */
import { loadTokenizer, readTokenizerJson, storedTokens, type PieceTokenizer } from '../tokenizer/tokenizer.ts';
import { byteLevelTokenBytes, piecesByToken } from './token-bytes.ts';

/** The built-in model's tokenizer: the project tokenizer plus `pieces` and `tokenBytes`. */
export interface EngineTokenizer extends PieceTokenizer {
  /** The exact bytes one token stands for. */
  tokenBytes(id: number): Uint8Array;
}

/** Loads a parsed `tokenizer.json` (byte-level BPE). */
export function loadTinyTokenizer(raw: unknown): EngineTokenizer {
  const json = readTokenizerJson(raw);
  const base = loadTokenizer(json);
  const tokenOf = storedTokens(json);
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
