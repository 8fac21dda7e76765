/**
 * Adapts the widgets' Engine to the coder's ProbabilityModel. Two choices make it deterministic
 * and affordable: the first token is predicted after the tokenizer's `<|endoftext|>` when it has
 * one (as GPT-2 starts a document), else coded with a uniform distribution; and beyond the
 * context length the window restarts every half-context, so the engine's KV cache is reused
 * between restarts instead of sliding (and recomputing everything) at every token.
 */
import type { Engine } from '../engine/types.ts';
import { logSumExp } from '../tinylm/distribution.ts';
import type { ProbabilityModel } from './token-coder.ts';

/** The window of `prefix` the model sees: all of it up to `contextLength`, then a window that restarts every half-context. */
export function codingWindow(length: number, contextLength: number): [number, number] {
  if (length <= contextLength) return [0, length];
  const stride = Math.max(1, Math.floor(contextLength / 2));
  const start = stride * Math.floor((length - contextLength) / stride + 1);
  return [start, length];
}

/** Fills `window` with ids [start, end) of BOS + prefix, without copying the prefix. */
function windowOf(prefix: readonly number[], shift: number, bosId: number | undefined, contextLength: number): number[] | null {
  const length = prefix.length + shift;
  if (length === 0) return null;
  const [start, end] = codingWindow(length, contextLength);
  const window = new Array<number>(end - start);
  for (let j = start; j < end; j++) window[j - start] = j < shift ? bosId! : prefix[j - shift]!;
  return window;
}

/**
 * The probabilities of the next token under `engine` (loaded), as a ProbabilityModel; `bosId` starts every text.
 * Each call copies only the window (at most `contextLength` ids), never the whole prefix, so coding
 * n tokens costs O(n · contextLength) however long the text: the engine's KV cache extends by one
 * token per call and is re-filled once per half-context when the window restarts.
 */
export function engineProbabilityModel(engine: Engine, vocabSize: number, contextLength: number, bosId?: number): ProbabilityModel {
  const shift = bosId === undefined ? 0 : 1;
  return async (prefix) => {
    const probs = new Float64Array(vocabSize);
    const window = windowOf(prefix, shift, bosId, contextLength);
    if (window === null) return probs.fill(1);
    const d = await engine.nextTokenDistribution(window);
    for (let i = 0; i < d.ids.length; i++) {
      const id = d.ids[i]!;
      if (id >= 0 && id < vocabSize) probs[id] = Math.exp(d.logits[i]! - d.logSumExp);
    }
    return probs;
  };
}

/**
 * The same model straight from a logits function (the built-in runner's `nextLogits`, in the
 * command line's own thread): no sorting of the vocabulary per token. The arithmetic is the one
 * the engine path does (exp(logit − logSumExp) on the same float32 logits), so both give
 * bit-identical probabilities and a file compressed by one decompresses with the other.
 */
export function logitsProbabilityModel(nextLogits: (ids: number[]) => Float32Array, vocabSize: number, contextLength: number, bosId?: number): ProbabilityModel {
  const shift = bosId === undefined ? 0 : 1;
  const probs = new Float64Array(vocabSize);
  return (prefix) => {
    const window = windowOf(prefix, shift, bosId, contextLength);
    if (window === null) return probs.fill(1);
    const logits = nextLogits(window);
    const lse = logSumExp(logits);
    probs.fill(0);
    const n = Math.min(vocabSize, logits.length);
    for (let id = 0; id < n; id++) probs[id] = Math.exp(logits[id]! - lse);
    return probs;
  };
}
