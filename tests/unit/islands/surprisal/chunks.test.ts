import { describe, expect, test } from 'vitest';
import { chunkRanges } from '../../../../src/islands/surprisal/chunks.ts';

describe('chunkRanges', () => {
  test('covers every token once, in order', () => {
    const texts = Array.from({ length: 1234 }, (_, i) => (i % 97 === 0 ? 'x\n' : 'x'));
    const ranges = chunkRanges(texts, 100);
    expect(ranges[0][0]).toBe(0);
    expect(ranges.at(-1)![1]).toBe(1234);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
  });
  test('ends a block after a line break when one comes within the next block', () => {
    const texts = Array.from({ length: 300 }, (_, i) => (i === 149 ? '\n' : 'x'));
    expect(chunkRanges(texts, 100)[0]).toEqual([0, 150]);
  });
  test('without line breaks, blocks stay at most twice the size', () => {
    const ranges = chunkRanges(new Array(1000).fill('字'), 100);
    for (const [a, b] of ranges) expect(b - a).toBeLessThanOrEqual(200);
  });
});
