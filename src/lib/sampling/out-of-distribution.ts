/**
 * Is a prompt far outside what the model read? The measure is the one the surprisal view shows:
 * bits per byte, −Σ log₂ p over the scored tokens ÷ their UTF-8 bytes (the first token is given,
 * not predicted, so its bytes are left out). The reference is measured, not guessed: each model's
 * eval.json holds its bits per byte on the start of the small corpus it (or its large corpus)
 * contains (`train`) and on data/unseen.txt, zh and en text in the corpus's style that no model
 * read (`unseen`); src/tools/eval.ts measures both.
 *
 * A prompt is "far outside" when it costs more than OOD_FACTOR × `unseen`: twice what the model
 * pays on new text of the kind it was trained on. Measured with `cli score` on the default
 * (rich-m-q4, unseen 3.17 bits/byte, so 6.34): its demo prompts 0.34–0.39, a Tang poem 1.48, a
 * KJV verse 2.66, new everyday zh and en sentences 2.95–3.23, against Python 8.78, SQL 7.83, a
 * URL 8.34, Japanese 6.87, Russian 13.4, random letters 10.6.
 */

/** What the model pays on text it has, and has not, read (eval.json `bitsPerByte`). */
export interface OodReference {
  model: string;
  /** Bits per byte on the start of its own corpus. */
  train: number;
  /** Bits per byte on data/unseen.txt: new text in the corpus's languages and style. */
  unseen: number;
}

/** How many times the unseen-text cost a prompt must exceed to be called far outside. */
export const OOD_FACTOR = 2;

/** Fewer scored bytes than this say too little to judge (a prompt of one or two tokens). */
export const OOD_MIN_BYTES = 8;

/** The verdict on one prompt. */
export interface OodVerdict {
  /** −Σ log₂ p over the scored tokens ÷ their bytes. */
  bitsPerByte: number;
  /** UTF-8 bytes of the scored tokens (all but the first). */
  bytes: number;
  /** OOD_FACTOR × reference.unseen. */
  threshold: number;
  /** bitsPerByte ÷ reference.unseen. */
  ratio: number;
  /** True when the prompt is long enough to judge and above the threshold. */
  far: boolean;
}

/** The reference from an eval.json, or null when it lacks usable bits-per-byte figures. */
export function oodReference(evalJson: unknown): OodReference | null {
  if (!evalJson || typeof evalJson !== 'object') return null;
  const e = evalJson as { model?: unknown; bitsPerByte?: { train?: unknown; unseen?: unknown } };
  const train = e.bitsPerByte?.train;
  const unseen = e.bitsPerByte?.unseen;
  if (typeof e.model !== 'string' || typeof train !== 'number' || typeof unseen !== 'number') return null;
  if (!(Number.isFinite(train) && Number.isFinite(unseen) && unseen > 0 && train >= 0)) return null;
  return { model: e.model, train, unseen };
}

/**
 * Judges a text from its scored tokens' natural-log probabilities (token 2 onward) and those
 * tokens' byte lengths. Null when the two do not match or nothing was scored.
 */
export function oodVerdict(logprobs: ArrayLike<number>, byteLengths: ArrayLike<number>, ref: OodReference): OodVerdict | null {
  if (logprobs.length !== byteLengths.length || logprobs.length === 0) return null;
  let nats = 0;
  let bytes = 0;
  for (let i = 0; i < logprobs.length; i++) {
    nats -= logprobs[i]!;
    bytes += byteLengths[i]!;
  }
  return verdictFromTotals(nats / Math.LN2, bytes, ref);
}

/** The same verdict from totals already summed (the surprisal view has them). */
export function verdictFromTotals(bits: number, bytes: number, ref: OodReference): OodVerdict | null {
  if (!(bytes > 0) || !Number.isFinite(bits)) return null;
  const bitsPerByte = bits / bytes;
  const threshold = OOD_FACTOR * ref.unseen;
  return { bitsPerByte, bytes, threshold, ratio: bitsPerByte / ref.unseen, far: bytes >= OOD_MIN_BYTES && bitsPerByte > threshold };
}
