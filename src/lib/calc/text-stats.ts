/**
 * Counts what a tokenizer's efficiency is measured against: UTF-8 bytes, characters (Unicode
 * code points, so an emoji is one) and how much of the text is Chinese.
 */

/** Size of a text, and its share of CJK ideographs among letters and ideographs. */
export interface TextStats {
  bytes: number;
  chars: number;
  /** 0 to 1: Han characters / (Han characters + letters); 0 for text with neither. */
  cjkShare: number;
}

const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

/** Measures a text. */
export function textStats(text: string): TextStats {
  let chars = 0;
  let han = 0;
  let letters = 0;
  for (const ch of text) {
    chars++;
    if (HAN.test(ch)) han++;
    else if (LETTER.test(ch)) letters++;
  }
  const bytes = new TextEncoder().encode(text).length;
  return { bytes, chars, cjkShare: han + letters === 0 ? 0 : han / (han + letters) };
}

/** Bytes and characters per token; null when there are no tokens to divide by. */
export function perToken(stats: TextStats, tokens: number): { bytesPerToken: number; charsPerToken: number } | null {
  if (!Number.isInteger(tokens) || tokens <= 0) return null;
  return { bytesPerToken: stats.bytes / tokens, charsPerToken: stats.chars / tokens };
}
