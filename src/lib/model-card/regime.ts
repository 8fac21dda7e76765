/**
 * The training regime of each built-in model, beside Llama-3-8B's: how big the model is against
 * what it read. Read at build time from each eval.json (src/tools/eval.ts); the Llama figures come
 * from /work/shared/facts.md (parameters from the formula and the Hugging Face safetensors total;
 * "over 15T" training tokens from Meta's model card; ≈ 4 bytes per token for its tokenizer).
 */

/** The parts of an eval.json the regime table and the capacity plot read. */
export interface EvalSummary {
  model: string;
  params?: number;
  bytes?: number;
  precision?: string;
  corpus?: string;
  corpus_bytes?: number;
  corpus_tokens?: number;
  tokens_seen?: number;
  capacity?: {
    bits: number; bits_per_param: number; bitsInSet: number; worldBits: number; recall: number;
    groups: { appearances: number; exposures?: number; bitsPerPerson: number; bitsInSetPerPerson: number; recall: number }[];
  };
  hallucination?: { wrong: number; plausible: number; noise: number; plausibleShare: number };
  demos?: Record<string, { ok: boolean }>;
}

/** One row of the regime table. */
export interface RegimeRow {
  id: string;
  params: number;
  /** The model's file (what a reader downloads). */
  bytes: number;
  corpusBytes: number;
  corpusTokens: number;
  tokensSeen: number;
  /** Corpus bytes ÷ model file bytes: above 1 the model is smaller than what it read. */
  dataPerModel: number;
  /** Corpus tokens per parameter (the and Chinchilla's measure of a data-rich model). */
  tokensPerParam: number;
  /** Passes over the corpus training made (tokens seen ÷ corpus tokens). */
  epochs: number;
  /** Smaller file than corpus (compressor) or larger (memorizer). */
  regime: 'memorizer' | 'compressor';
}

/** Llama-3-8B: 8,030,261,248 parameters stored as BF16 (2 bytes each), over 15T tokens of ≈ 4 bytes. */
export const LLAMA3_8B = { id: 'Llama-3-8B', params: 8_030_261_248, bytes: 2 * 8_030_261_248, tokens: 15e12, bytesPerToken: 4 };

/** The regime row of Llama-3-8B, on the same measures. */
export function llamaRow(): RegimeRow {
  const corpusBytes = LLAMA3_8B.tokens * LLAMA3_8B.bytesPerToken;
  return {
    id: LLAMA3_8B.id, params: LLAMA3_8B.params, bytes: LLAMA3_8B.bytes, corpusBytes, corpusTokens: LLAMA3_8B.tokens,
    tokensSeen: LLAMA3_8B.tokens, dataPerModel: corpusBytes / LLAMA3_8B.bytes, tokensPerParam: LLAMA3_8B.tokens / LLAMA3_8B.params,
    epochs: 1, regime: 'compressor',
  };
}

/** A model's regime row, or null when its eval.json predates these fields. */
export function regimeRow(e: EvalSummary): RegimeRow | null {
  if (!e.params || !e.bytes || !e.corpus_bytes || !e.corpus_tokens || e.tokens_seen === undefined) return null;
  const dataPerModel = e.corpus_bytes / e.bytes;
  return {
    id: e.model, params: e.params, bytes: e.bytes, corpusBytes: e.corpus_bytes, corpusTokens: e.corpus_tokens,
    tokensSeen: e.tokens_seen, dataPerModel, tokensPerParam: e.corpus_tokens / e.params,
    epochs: e.tokens_seen / e.corpus_tokens, regime: dataPerModel >= 1 ? 'compressor' : 'memorizer',
  };
}

/** Maps a value to a position on a log axis from `lo` to `hi` (clamped). */
export function logScale(v: number, lo: number, hi: number, from: number, to: number): number {
  const t = (Math.log10(Math.min(hi, Math.max(lo, v))) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
  return from + t * (to - from);
}
