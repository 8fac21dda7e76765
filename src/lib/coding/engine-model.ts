/**
 * Adapts the widgets' Engine to the coder's ProbabilityModel. Two choices make it deterministic
 * and affordable: the first token is predicted after the tokenizer's `<|endoftext|>` when it has
 * one (as GPT-2 starts a document), else coded with a uniform distribution; and beyond the
 * context length the window restarts every half-context, so the engine's KV cache is reused
 * between restarts instead of sliding (and recomputing everything) at every token.
 */
import type { Engine } from '../engine/types.ts';
import type { ProbabilityModel } from './token-coder.ts';

/** The window of `prefix` the model sees: all of it up to `contextLength`, then a window that restarts every half-context. */
export function codingWindow(length: number, contextLength: number): [number, number] {
  if (length <= contextLength) return [0, length];
  const stride = Math.max(1, Math.floor(contextLength / 2));
  const start = stride * Math.floor((length - contextLength) / stride + 1);
  return [start, length];
}

/** The probabilities of the next token under `engine` (loaded), as a ProbabilityModel; `bosId` starts every text. */
export function engineProbabilityModel(engine: Engine, vocabSize: number, contextLength: number, bosId?: number): ProbabilityModel {
  return async (prefix) => {
    const probs = new Float64Array(vocabSize);
    const seq = bosId === undefined ? prefix : [bosId, ...prefix];
    if (seq.length === 0) return probs.fill(1);
    const [start, end] = codingWindow(seq.length, contextLength);
    const d = await engine.nextTokenDistribution(seq.slice(start, end) as number[]);
    for (let i = 0; i < d.ids.length; i++) {
      const id = d.ids[i]!;
      if (id >= 0 && id < vocabSize) probs[id] = Math.exp(d.logits[i]! - d.logSumExp);
    }
    return probs;
  };
}
