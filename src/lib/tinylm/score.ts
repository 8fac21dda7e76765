/**
 * Scores every token of a text against the model's prediction from the tokens before it. Within
 * the context length that is one causal pass. Beyond it, windows of `contextLength` tokens advance
 * by half a context (the usual strided evaluation): each token is predicted from at least half a
 * context and at most a full one, at about twice the cost of a single pass instead of
 * `contextLength` times. Work runs in chunks; between chunks it yields so an abort can arrive.
 */
import { logSumExp, rankOf, topKIds } from './distribution.ts';
import type { GptRunner } from './model.ts';

/** The score of one token, without token texts (the engine adds them). */
export interface IdScore {
  id: number;
  logprob: number;
  rank: number;
  top: { id: number; logprob: number }[];
}

/** Options of `scoreIds`. */
export interface ScoreOptions {
  topK?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Work between two yields to the event loop, in ms (default 15). */
  sliceMs?: number;
}

/** Scores ids[1…] (ids[0] has nothing before it); rejects with the signal's AbortError. */
export async function scoreIds(runner: GptRunner, ids: ArrayLike<number>, options: ScoreOptions = {}): Promise<IdScore[]> {
  const { contextLength: C, vocabSize: V } = runner.config;
  const topK = options.topK ?? 5;
  const sliceMs = options.sliceMs ?? 15;
  const n = ids.length;
  const results: IdScore[] = [];
  if (n < 2) return results;
  const rows = runner.chunkRows;
  const logits = runner.chunkLogits;
  const stride = Math.max(1, Math.floor(C / 2));
  const total = n - 1;
  let lastScored = 0;
  let sliceStart = performance.now();
  options.signal?.throwIfAborted();
  for (let s = 0; lastScored < n - 1; s += stride) {
    const end = Math.min(s + C, n);
    const lastTarget = Math.min(s + C, n - 1);
    if (lastTarget <= lastScored) continue;
    // Rows r predict token s + r + 1; only rows for new targets need logits.
    const firstRow = lastScored - s;
    const lastRow = lastTarget - 1 - s;
    for (let r = 0; r <= lastRow; r += rows) {
      const count = Math.min(rows, end - s - r, lastRow + 1 - r);
      const from = Math.max(0, firstRow - r);
      runner.runChunk(ids, s + r, count, r, from < count ? logits : null, from);
      for (let i = from; i < count; i++) {
        const off = (i - from) * V;
        const target = ids[s + r + i + 1]!;
        const lse = logSumExp(logits, off, V);
        results.push({
          id: target,
          logprob: logits[off + target]! - lse,
          rank: rankOf(logits, target, off, V),
          top: topKIds(logits, off, V, topK).map((id) => ({ id, logprob: logits[off + id]! - lse })),
        });
      }
      lastScored = Math.max(lastScored, s + r + count);
      lastScored = Math.min(lastScored, lastTarget);
      if (performance.now() - sliceStart > sliceMs) {
        options.onProgress?.(results.length / total);
        await yieldToEventLoop();
        options.signal?.throwIfAborted();
        sliceStart = performance.now();
      }
    }
  }
  options.onProgress?.(1);
  return results;
}

let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

/**
 * Lets queued messages (a cancel) run, then continues. Not `setTimeout(0)`: browsers stretch
 * nested timeouts to 4 ms, a quarter of a slice. Node has setImmediate; pages and workers get a
 * MessageChannel round trip, which is not clamped.
 */
function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    const setImmediate = g.setImmediate;
    return new Promise((resolve) => setImmediate(resolve));
  }
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}
