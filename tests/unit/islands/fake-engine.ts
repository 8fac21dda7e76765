/**
 * A tiny deterministic Engine for island model tests: one character per token over a fixed
 * alphabet, and a next-token distribution that prefers the alphabet's next character.
 */
import type { Engine, NextTokenDistribution, TokenScore } from '../../../src/lib/engine/types.ts';
import { logSumExp } from '../../../src/lib/sampling/softmax.ts';

/** The fake vocabulary: token id = index in this string. */
export const ALPHABET = 'abcdefghij 你好法国的首都是巴黎。';

/** Options that make the fake slow or failing, to test progress, cancel and errors. */
export interface FakeOptions {
  failLoad?: boolean;
  contextLength?: number;
  /** Milliseconds per scored token (simulates worker time). */
  scoreDelayMs?: number;
}

/** Logits after `ids`: the next alphabet letter gets 4, then falling by 1 per step away. */
export function fakeLogits(ids: number[]): Float32Array {
  const v = ALPHABET.length;
  const last = ids.length ? ids[ids.length - 1] : 0;
  const out = new Float32Array(v);
  for (let j = 0; j < v; j++) out[j] = 4 - ((j - last - 1 + v) % v);
  return out;
}

/** A fake engine plus counters the tests read. */
export function createFakeEngine(opts: FakeOptions = {}) {
  const calls = { next: 0, score: 0 };
  const v = ALPHABET.length;
  const contextLength = opts.contextLength ?? 16;
  function distribution(ids: number[]): NextTokenDistribution {
    const logits = fakeLogits(ids);
    const order = [...logits.keys()].sort((a, b) => logits[b] - logits[a]);
    return { ids: Int32Array.from(order), logits: Float32Array.from(order.map((i) => logits[i])), logSumExp: logSumExp(logits) };
  }
  const engine: Engine = {
    async load(onProgress) {
      if (opts.failLoad) throw new Error('model.safetensors: HTTP 404');
      onProgress?.({ fraction: 0.5 });
      onProgress?.({ fraction: 1 });
      return { id: 'fake', vocabSize: v, contextLength, parameters: 123 };
    },
    async tokenize(text) {
      return [...text].map((c) => Math.max(0, ALPHABET.indexOf(c)));
    },
    async detokenize(ids) {
      return ids.map((i) => ALPHABET[i]).join('');
    },
    async nextTokenDistribution(ids) {
      calls.next++;
      return distribution(ids.slice(-contextLength));
    },
    async tokenTexts(ids) {
      return ids.map((i) => ALPHABET[i]);
    },
    async score(ids, options = {}) {
      calls.score++;
      const out: TokenScore[] = [];
      for (let i = 1; i < ids.length; i++) {
        if (options.signal?.aborted) throw new DOMException('aborted', 'AbortError');
        if (opts.scoreDelayMs) await new Promise((r) => setTimeout(r, opts.scoreDelayMs));
        const d = distribution(ids.slice(Math.max(0, i - contextLength), i));
        const rank = d.ids.indexOf(ids[i]) + 1;
        const logprob = d.logits[rank - 1] - d.logSumExp;
        const top = [...d.ids.subarray(0, options.topK ?? 10)].map((id, k) => ({ id, token: ALPHABET[id], logprob: d.logits[k] - d.logSumExp }));
        out.push({ id: ids[i], logprob, rank, top });
        options.onProgress?.(i / (ids.length - 1));
      }
      return out;
    },
    async dispose() {},
  };
  return { engine, calls };
}
