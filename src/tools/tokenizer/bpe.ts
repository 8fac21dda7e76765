/**
 * A short byte-level BPE trainer. Hugging Face's `tokenizers` binding cannot set the vocabulary
 * size or seed all 256 byte symbols (toolchain-notes.md), so we learn the merges ourselves and
 * write a standard tokenizer.json that any Hugging Face loader reads.
 */
import { BYTE_TO_CHAR, toByteSymbols } from './byte-level.ts';

/** The special token appended after the learned vocabulary (GPT-2's end of text). */
export const END_OF_TEXT = '<|endoftext|>';

/**
 * The split regex: listed Chinese words, else one Chinese character at a time (so 法国的首都是 →
 * 巴黎 stays a next-token step instead of one long token), then GPT-2's rules for other scripts.
 */
export function splitPattern(zhWords: readonly string[]): string {
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const words = [...new Set(zhWords)].filter((w) => w.length > 1).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const lexicon = words.length > 0 ? `${words.map(escape).join('|')}|` : '';
  return `${lexicon}\\p{Han}|'(?:s|t|re|ve|m|ll|d)| ?[^\\s\\p{N}\\p{P}\\p{S}\\p{Han}]+| ?\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+`;
}

/** Splits text the way the tokenizer's pre-tokenizer will (JavaScript flavour of the same regex). */
export function preTokenize(text: string, pattern: string): string[] {
  const re = new RegExp(pattern.replaceAll('\\p{Han}', '\\p{Script=Han}'), 'gu');
  return text.match(re) ?? [];
}

/** The result of training: ids for every symbol, and the merges in rank order. */
export interface BpeModel { vocab: Map<string, number>; merges: [string, string][] }

/**
 * Learns merges until the vocabulary (256 bytes + merges + END_OF_TEXT) reaches `vocabSize`,
 * or no pair occurs twice. Ties break by the pair's text, so training is deterministic.
 */
export function trainBpe(pieces: readonly string[], vocabSize: number): BpeModel {
  const counts = new Map<string, number>();
  for (const p of pieces) counts.set(p, (counts.get(p) ?? 0) + 1);
  const words = [...counts].map(([p, n]) => ({ symbols: toByteSymbols(p), n }));
  const vocab = new Map<string, number>();
  BYTE_TO_CHAR.forEach((c) => vocab.set(c, vocab.size));
  const merges: [string, string][] = [];
  while (vocab.size < vocabSize - 1) {
    const pairs = new Map<string, number>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.symbols.length; i++) {
        const key = `${w.symbols[i]} ${w.symbols[i + 1]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + w.n);
      }
    }
    let best = '';
    let bestCount = 1;
    for (const [key, n] of pairs) {
      if (n > bestCount || (n === bestCount && best !== '' && key < best)) { best = key; bestCount = n; }
    }
    if (best === '') break;
    const [a, b] = best.split(' ') as [string, string];
    const joined = a + b;
    merges.push([a, b]);
    if (!vocab.has(joined)) vocab.set(joined, vocab.size);
    for (const w of words) {
      const s = w.symbols;
      for (let i = 0; i + 1 < s.length; i++) {
        if (s[i] === a && s[i + 1] === b) s.splice(i, 2, joined);
      }
    }
  }
  vocab.set(END_OF_TEXT, vocab.size);
  return { vocab, merges };
}

/** A Hugging Face tokenizer.json (BPE model, Split + ByteLevel pre-tokenizer, ByteLevel decoder). */
export function tokenizerJson(model: BpeModel, pattern: string): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [{ id: model.vocab.get(END_OF_TEXT), content: END_OF_TEXT, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true }],
    normalizer: null,
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: pattern }, behavior: 'Isolated', invert: false },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '',
      fuse_unk: false, byte_fallback: false, ignore_merges: false,
      vocab: Object.fromEntries(model.vocab),
      merges: model.merges.map(([a, b]) => `${a} ${b}`),
    },
  };
}
