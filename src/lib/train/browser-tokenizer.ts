/**
 * The training lab's tokenizer: the built-in model's tokenizer.json when the site serves one,
 * else one token per byte, with the reason recorded so the page can say which it is using.
 */
import { loadTokenizer, type TinyTokenizer } from '../tokenizer/tokenizer.ts';
import { createByteTokenizer } from './browser-byte-tokenizer.ts';

/** A tokenizer and which kind it is. */
export interface LabTokenizer {
  tokenizer: TinyTokenizer;
  kind: 'bpe' | 'bytes';
}

/** Fetches and loads `url`; falls back to bytes when `url` is null, missing or unreadable. */
export async function loadLabTokenizer(url: string | null, fetchFn: typeof fetch = fetch): Promise<LabTokenizer> {
  if (url) {
    try {
      const response = await fetchFn(url);
      if (response.ok) return { tokenizer: loadTokenizer((await response.json()) as object), kind: 'bpe' };
    } catch {
      // Offline, blocked or not JSON: the byte tokenizer still lets the lab run.
    }
  }
  return { tokenizer: createByteTokenizer(), kind: 'bytes' };
}
