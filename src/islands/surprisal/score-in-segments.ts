/**
 * Scores a long text in segments, one engine call each, so no single reply from the worker is
 * large: a reply of 20,000 scores with their top-10 alternatives takes the page about a second to
 * unpack, a freeze the reader would feel. Each segment is sent with up to `contextLength` tokens
 * before it, whose scores are dropped, so every kept token is predicted from as much context as in
 * one long call (the engine's own sliding window still applies inside a segment).
 */
import type { Engine, TokenScore } from '../../lib/engine/types.ts';

/** Options of `scoreInSegments`. */
export interface SegmentedScoreOptions {
  contextLength: number;
  /** Targets per engine call. */
  segment: number;
  topK?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Scores ids[1…] like `engine.score(ids)`, in calls of at most `segment` targets each, handing
 * each segment's scores to `sink` in order (so the caller can pack them and let the objects go).
 */
export async function scoreInSegments(
  engine: Engine,
  ids: number[],
  o: SegmentedScoreOptions,
  sink: (scores: TokenScore[]) => void,
): Promise<void> {
  const targets = ids.length - 1;
  if (targets <= 0) return;
  const segment = Math.max(1, Math.floor(o.segment));
  for (let start = 1; start <= targets; start += segment) {
    o.signal?.throwIfAborted();
    const end = Math.min(ids.length, start + segment);
    const from = Math.max(0, start - o.contextLength);
    const scores = await engine.score(ids.slice(from, end), {
      topK: o.topK,
      signal: o.signal,
      onProgress: (f) => o.onProgress?.((start - 1 + f * (end - start)) / targets),
    });
    // The slice's first scored token is ids[from + 1]; keep those from ids[start] on.
    sink(scores.slice(start - from - 1));
  }
  o.onProgress?.(1);
}

/** How many targets per call: at least 4 contexts, so the repeated prefix costs ≤ 25% more work. */
export function segmentSize(contextLength: number): number {
  return Math.max(512, 4 * contextLength);
}
