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

/**
 * A next-token distribution at temperature 1, as candidates sorted by logit, highest first.
 * The built-in model sends the whole vocabulary; a large model (WebLLM) sends only its top
 * candidates, and `logSumExp` still covers the whole vocabulary, so the tail's mass is known:
 * p(id) = exp(logit − logSumExp).
 */
export interface NextTokenDistribution {
  /** Candidate token ids, sorted by logit, highest first. */
  ids: Int32Array;
  /** The candidates' raw logits, in the same order. */
  logits: Float32Array;
  /** log Σ exp(logit) over the full vocabulary. */
  logSumExp: number;
}

/** How well the model predicted one token of a text it was given. */
export interface TokenScore {
  id: number;
  /** Natural-log probability the model gave this token, given the tokens before it. */
  logprob: number;
  /** 1 when it was the model's top guess. */
  rank: number;
  /** The model's top alternatives at this position, most likely first. */
  top: TokenCandidate[];
}

/** Facts about a loaded model that widgets show. */
export interface EngineInfo {
  id: string;
  vocabSize: number;
  contextLength: number;
  parameters: number;
}

/** One candidate of the logit lens: a token and its probability at temperature 1. */
export interface LensCandidate {
  id: number;
  /** The token for display: its text, with bytes that form no whole character written as ⟨e5⟩. */
  token: string;
  prob: number;
}

/**
 * Everything one forward pass computed on `ids`, for showing the calculation (the X-ray). Arrays
 * are flat, row-major, so a trace crosses from a worker without copying:
 * `attention[((l·nHead + h)·T + q)·T + k]` is how much head h of layer l at query q reads from
 * key k (0 for k > q: the model never looks ahead).
 */
export interface ForwardTrace {
  ids: number[];
  /** Each token for display (see LensCandidate.token). */
  tokens: string[];
  nLayer: number;
  nHead: number;
  dModel: number;
  vocabSize: number;
  /** [nLayer][nHead][T][T] softmax attention weights. */
  attention: Float32Array;
  /**
   * The logit lens: `lens[L][t]` is softmax(ln_f(h_L[t]) · wteᵀ)'s top candidates, L = 0 the
   * embedding alone, L = nLayer the model's own next-token distribution after position t.
   */
  lens: LensCandidate[][][];
  /** [nLayer + 1][T] length (L2 norm) of the residual stream after the embedding and each block. */
  residualNorms: Float32Array;
  /** [nLayer][T] length of what each block's attention added to the residual stream. */
  attnNorms: Float32Array;
  /** [nLayer][T] length of what each block's MLP added to the residual stream. */
  mlpNorms: Float32Array;
  /** [T][dModel] the token embedding (a row of wte) of each token. */
  tokenEmbeddings: Float32Array;
  /** [T][dModel] the position embedding (a row of wpe) of each position. */
  positionEmbeddings: Float32Array;
  /** [T][vocabSize] the final logits after each position (temperature is applied by the viewer). */
  finalLogits: Float32Array;
  /**
   * [nLayer + 1][T] the probability the lens at each layer gives to the model's final answer
   * (its top next token) at each position: how the answer rises through the layers.
   */
  answerProbs: Float32Array;
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
  /** The text of each token alone (a partial UTF-8 character shows as U+FFFD). */
  tokenTexts(ids: number[]): Promise<string[]>;
  /**
   * The exact bytes of each token, so a widget can show a token that holds part of a character
   * as its bytes (src/lib/format/tokens-display.ts). Optional: a model that cannot tell (WebLLM)
   * leaves it out, and widgets fall back to the texts.
   */
  tokenBytes?(ids: number[]): Promise<Uint8Array[]>;
  /**
   * Scores every token of `ids` after the first against the model's prediction from the tokens
   * before it (a sliding window beyond `contextLength`). Rejects with an AbortError when
   * `signal` aborts; `onProgress` gets the fraction done.
   */
  score(
    ids: number[],
    options?: { topK?: number; signal?: AbortSignal; onProgress?: (fraction: number) => void },
  ): Promise<TokenScore[]>;
  /**
   * Optional capability (the built-in model has it): one full forward pass over `ids` (at most
   * `contextLength`) with every intermediate the X-ray shows; `top` lens candidates (default 5).
   */
  trace?(ids: number[], options?: { top?: number }): Promise<ForwardTrace>;
  /** Frees the model's memory; the engine may be loaded again afterwards. */
  dispose(): Promise<void>;
}
