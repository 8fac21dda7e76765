/**
 * The one engine interface every widget talks to. The built-in tiny GPT-2 (src/lib/tinylm) and the
 * WebLLM base models implement it, so a widget never knows which model it is driving.
 */

/** Progress of a model load: `fraction` in [0, 1]; bytes when known. */
export interface LoadProgress {
  fraction: number;
  loadedBytes?: number;
  totalBytes?: number;
  text?: string;
}

/** One candidate of a next-token distribution. */
export interface TokenCandidate {
  id: number;
  /** The token's text as it would be decoded alone (may be a partial UTF-8 character as U+FFFD). */
  token: string;
  /** Natural-log probability at temperature 1. */
  logprob: number;
}

/** A next-token distribution: the raw logits of the full vocabulary, at temperature 1. */
export interface NextTokenDistribution {
  /** Logits for every id in the vocabulary (length = vocabSize). */
  logits: Float32Array;
}

/** Facts about a loaded model that widgets show. */
export interface EngineInfo {
  id: string;
  vocabSize: number;
  contextLength: number;
  parameters: number;
}

/** A language model a widget can drive. */
export interface Engine {
  /** Fetches and prepares the model; resolves when ready. Safe to call twice. */
  load(onProgress?: (p: LoadProgress) => void): Promise<EngineInfo>;
  /** Text → token ids (no special tokens added). */
  tokenize(text: string): Promise<number[]>;
  /** Token ids → text; for a byte-level tokenizer the round trip is exact. */
  detokenize(ids: number[]): Promise<string>;
  /** The distribution of the token that follows `ids` (the last `contextLength` ids are used). */
  nextTokenDistribution(ids: number[]): Promise<NextTokenDistribution>;
  /** Frees the model's memory; the engine may be loaded again afterwards. */
  dispose(): Promise<void>;
}
