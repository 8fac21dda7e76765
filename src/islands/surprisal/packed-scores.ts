/**
 * A scored text kept in typed arrays instead of one object per token and per alternative. A
 * 20,000-character text has over 100,000 alternatives; as objects they outlive the young
 * generation and make the garbage collector pause the page, as flat arrays they cost nothing.
 */
import type { TokenCandidate, TokenScore } from '../../lib/engine/types.ts';

/** Scores of tokens 1…count of a text (token 0 is given, not predicted). */
export interface PackedScores {
  /** Scored tokens. */
  count: number;
  /** Alternatives kept per token. */
  k: number;
  logprobs: Float64Array;
  ranks: Int32Array;
  /** count × k ids, −1 where the engine sent fewer. */
  topIds: Int32Array;
  topLogprobs: Float32Array;
  /** Text of every alternative id seen. */
  altTexts: Map<number, string>;
}

/** Creates an empty pack for `count` scores of `k` alternatives and a function that appends to it. */
export function createPacker(count: number, k: number): { packed: PackedScores; push: (scores: TokenScore[]) => void } {
  const packed: PackedScores = {
    count,
    k,
    logprobs: new Float64Array(count),
    ranks: new Int32Array(count),
    topIds: new Int32Array(count * k).fill(-1),
    topLogprobs: new Float32Array(count * k),
    altTexts: new Map(),
  };
  let next = 0;
  function push(scores: TokenScore[]) {
    for (const s of scores) {
      if (next >= count) throw new RangeError('more scores than tokens');
      packed.logprobs[next] = s.logprob;
      packed.ranks[next] = s.rank;
      const top = s.top.length > k ? s.top.slice(0, k) : s.top;
      top.forEach((c, j) => {
        packed.topIds[next * k + j] = c.id;
        packed.topLogprobs[next * k + j] = c.logprob;
        if (!packed.altTexts.has(c.id)) packed.altTexts.set(c.id, c.token);
      });
      next++;
    }
  }
  return { packed, push };
}

/** The alternatives of scored token `i` (0-based among the scored), most likely first. */
export function alternatives(p: PackedScores, i: number): TokenCandidate[] {
  const out: TokenCandidate[] = [];
  for (let j = 0; j < p.k; j++) {
    const id = p.topIds[i * p.k + j];
    if (id < 0) break;
    out.push({ id, token: p.altTexts.get(id) ?? '', logprob: p.topLogprobs[i * p.k + j] });
  }
  return out;
}
