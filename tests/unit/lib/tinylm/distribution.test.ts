import { describe, expect, test } from 'vitest';
import { logSumExp, rankOf, sortByLogit, topKIds } from '../../../../src/lib/tinylm/distribution.ts';

describe('logSumExp', () => {
  test('is stable for logits that would overflow Math.exp', () => {
    expect(logSumExp(new Float32Array([1000, 1000]))).toBeCloseTo(1000 + Math.LN2, 5);
    expect(logSumExp(new Float32Array([-1000, -1000]))).toBeCloseTo(-1000 + Math.LN2, 5);
  });
  test('works on a row inside a larger buffer', () => {
    expect(logSumExp(new Float32Array([9, 0, 0, 9]), 1, 2)).toBeCloseTo(Math.LN2, 6);
  });
});

describe('sortByLogit', () => {
  test('orders every id by logit, highest first, ties by id', () => {
    const { ids, logits } = sortByLogit(new Float32Array([0.5, 2, -1, 2]));
    expect([...ids]).toEqual([1, 3, 0, 2]);
    expect([...logits]).toEqual([2, 2, 0.5, -1]);
  });
});

describe('topKIds', () => {
  test('returns the k best of a row, best first', () => {
    const row = new Float32Array([3, 9, 1, 7, 8, 2]);
    expect(topKIds(row, 0, 6, 3)).toEqual([1, 4, 3]);
    expect(topKIds(row, 2, 4, 2)).toEqual([2, 1]);
    expect(topKIds(row, 0, 6, 10)).toHaveLength(6);
  });
});

describe('rankOf', () => {
  test('is 1 for the top token and counts strictly better ones', () => {
    const row = new Float32Array([3, 9, 1, 9]);
    expect(rankOf(row, 1, 0, 4)).toBe(1);
    expect(rankOf(row, 0, 0, 4)).toBe(3);
    expect(rankOf(row, 2, 0, 4)).toBe(4);
  });
});

describe('sortByLogit on a whole vocabulary', () => {
  test('agrees with a comparator sort, negative logits, zeros and ties included', () => {
    const n = 3000;
    const logits = new Float32Array(n);
    for (let i = 0; i < n; i++) logits[i] = i % 7 === 0 ? 0 : Math.round(Math.sin(i * 12.9898) * 400) / 16;
    logits[5] = -0;
    const { ids, logits: sorted } = sortByLogit(logits);
    const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => logits[b]! - logits[a]! || a - b);
    expect([...ids]).toEqual(expected);
    expect([...sorted]).toEqual(expected.map((i) => logits[i]!));
  });
});
