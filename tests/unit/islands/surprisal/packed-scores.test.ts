import { describe, expect, test } from 'vitest';
import { alternatives, createPacker } from '../../../../src/islands/surprisal/packed-scores.ts';
import type { TokenScore } from '../../../../src/lib/engine/types.ts';

const score = (id: number, rank: number, top: [number, string, number][]): TokenScore => ({
  id,
  logprob: Math.log(0.5),
  rank,
  top: top.map(([i, token, p]) => ({ id: i, token, logprob: Math.log(p) })),
});

describe('packed scores', () => {
  test('keep ranks, log-probabilities and alternatives in order, across pushes', () => {
    const { packed, push } = createPacker(3, 2);
    push([score(5, 1, [[5, '巴', 0.5], [6, '黎', 0.2]])]);
    push([score(7, 3, [[1, 'a', 0.4]]), score(8, 2, [[2, 'b', 0.3], [8, 'c', 0.25], [9, 'd', 0.1]])]);
    expect([...packed.ranks]).toEqual([1, 3, 2]);
    expect(packed.logprobs[1]).toBeCloseTo(Math.log(0.5), 12);
    expect(alternatives(packed, 0).map((c) => c.token)).toEqual(['巴', '黎']);
    expect(alternatives(packed, 1)).toHaveLength(1);
    expect(alternatives(packed, 2).map((c) => c.id)).toEqual([2, 8]);
    expect(alternatives(packed, 2)[1].logprob).toBeCloseTo(Math.log(0.25), 6);
  });
  test('refuses more scores than tokens', () => {
    const { push } = createPacker(1, 1);
    expect(() => push([score(1, 1, []), score(2, 1, [])])).toThrow(RangeError);
  });
});
