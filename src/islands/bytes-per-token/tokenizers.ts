/**
 * Loads the tokenizers the bytes-per-token meter compares, each on first use: OpenAI's o200k
 * and cl100k (gpt-tokenizer; 1–2.4 MB of merges each, so dynamic imports) and the site's own
 * built-in model's tokenizer.json, which may not exist yet in a given build.
 */
import { baseDir } from '../../lib/base-path.ts';

/** Tokenizers the meter knows. */
export type TokenizerId = 'o200k' | 'cl100k' | 'builtin';

/** Counts the tokens of a text. */
export type CountTokens = (text: string) => number;

/** Where the built-in models' tokenizer may be, relative to the site root, preferred first. */
export const BUILTIN_TOKENIZER_PATHS = ['models/tiny-m/tokenizer.json', 'models/tiny-s/tokenizer.json', 'models/tiny-l/tokenizer.json'];

/**
 * Loads one tokenizer. `builtinPath` is the built-in tokenizer's path relative to the site root,
 * or null when this build has none; the result is then null too (not an error).
 */
export async function loadTokenizer(id: TokenizerId, builtinPath: string | null): Promise<CountTokens | null> {
  // Special-token text such as "<|endoftext|>" counts as ordinary text here, as in training data.
  const plain = { disallowedSpecial: new Set<string>() };
  if (id === 'o200k') {
    const { encode } = await import('gpt-tokenizer/encoding/o200k_base');
    return (text) => encode(text, plain).length;
  }
  if (id === 'cl100k') {
    const { encode } = await import('gpt-tokenizer/encoding/cl100k_base');
    return (text) => encode(text, plain).length;
  }
  if (builtinPath === null) return null;
  // BASE_URL keeps sub-folder hosting (/sub/) working.
  const res = await fetch(`${baseDir(import.meta.env.BASE_URL)}${builtinPath}`);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const json: unknown = await res.json();
  const { loadTokenizer } = await import('../../lib/tokenizer/tokenizer.ts');
  const tokenizer = loadTokenizer(json);
  return (text) => tokenizer.encode(text).length;
}
