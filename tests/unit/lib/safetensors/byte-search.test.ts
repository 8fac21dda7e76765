import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { findAll, searchRanges } from '../../../../src/lib/safetensors/byte-search.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('findAll', () => {
  test('finds every occurrence, overlapping ones included', () => {
    expect(findAll(utf8('aaaa'), utf8('aa'))).toEqual([0, 1, 2]);
    expect(findAll(utf8('法国的首都是巴黎。巴黎'), utf8('巴黎'))).toEqual([18, 27]);
    expect(findAll(utf8('Paris'), utf8('巴黎'))).toEqual([]);
    expect(findAll(utf8('abc'), new Uint8Array(0))).toEqual([]);
  });
});

describe('searchRanges', () => {
  test('finds the same hits as a whole-buffer search, whatever the chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }).map((b) => b.map((x) => x % 3)),
        fc.uint8Array({ minLength: 1, maxLength: 4 }).map((b) => b.map((x) => x % 3)),
        fc.integer({ min: 1, max: 50 }),
        async (hay, needle, chunkBytes) => {
          const reads: [number, number][] = [];
          const result = await searchRanges(async (a, b) => {
            reads.push([a, b]);
            return hay.slice(a, b);
          }, hay.length, needle, { chunkBytes, maxHits: 1e9 });
          expect(result.hits).toEqual(findAll(hay, needle));
          expect(result.searchedBytes).toBe(hay.length);
          for (const [a, b] of reads) expect(b - a).toBeLessThanOrEqual(Math.max(needle.length, chunkBytes) + needle.length - 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('stops at maxHits and says so', async () => {
    const hay = new Uint8Array(100);
    const r = await searchRanges(async (a, b) => hay.slice(a, b), hay.length, Uint8Array.of(0), { maxHits: 5 });
    expect(r.hits).toEqual([0, 1, 2, 3, 4]);
    expect(r.truncated).toBe(true);
  });
});
