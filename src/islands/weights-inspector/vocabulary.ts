/**
 * The tokenizer's vocabulary as text a reader can search. A byte-level BPE stores each entry as
 * one printable character per byte (巴黎 is stored as "å·´é»İ"), so entries are decoded to the
 * text they stand for before searching: the honest comparison is between pieces of text the
 * tokenizer knows and whole sentences, which it does not store.
 */
import { byteLevelTokenBytes } from '../../lib/tinylm/token-bytes.ts';
import { readTokenizerJson } from '../../lib/tokenizer/tokenizer-json.ts';

/** One vocabulary entry. */
export interface VocabEntry {
  id: number;
  /** As stored in tokenizer.json. */
  stored: string;
  /** The text it stands for (U+FFFD for a partial UTF-8 character). */
  text: string;
  /** An added special token such as `<|endoftext|>`. */
  special: boolean;
}

/** Reads every entry of a Hugging Face BPE `tokenizer.json` (model.vocab plus added_tokens), sorted by id. */
export function vocabularyEntries(tokenizerJson: unknown): VocabEntry[] {
  const json = readTokenizerJson(tokenizerJson);
  const vocab = json.model.vocab;
  const decoder = new TextDecoder('utf-8');
  const byId = new Map<number, VocabEntry>();
  for (const [stored, id] of Object.entries(vocab)) {
    byId.set(id, { id, stored, text: decoder.decode(byteLevelTokenBytes(stored)), special: false });
  }
  for (const t of json.added_tokens ?? []) byId.set(t.id, { id: t.id, stored: t.content, text: t.content, special: true });
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Entries equal to `query` and entries containing it, shortest first (at most `limit`). */
export function searchVocabulary(entries: readonly VocabEntry[], query: string, limit = 20): { exact: VocabEntry | undefined; containing: VocabEntry[]; total: number } {
  if (!query) return { exact: undefined, containing: [], total: 0 };
  const matches = entries.filter((e) => e.text.includes(query));
  matches.sort((a, b) => a.text.length - b.text.length || a.id - b.id);
  return { exact: matches.find((e) => e.text === query), containing: matches.slice(0, limit), total: matches.length };
}
