import { describe, expect, test } from 'vitest';
import type { TokenScore } from '../../../../src/lib/engine/types.ts';
import { scoreInSegments, segmentSize } from '../../../../src/islands/surprisal/score-in-segments.ts';
import { ALPHABET, createFakeEngine } from '../fake-engine.ts';

const text = 'abcdefghij 你好法国的首都是巴黎。ahcjebgd'.repeat(7);

describe('scoreInSegments', () => {
  test('gives the same scores, in order, as one call', async () => {
    const { engine, calls } = createFakeEngine({ contextLength: 8 });
    const ids = [...text].map((c) => ALPHABET.indexOf(c));
    const whole = await engine.score(ids, { topK: 10 });
    for (const segment of [1, 5, 16, 37, 1000]) {
      const before = calls.score;
      const parts: TokenScore[] = [];
      await scoreInSegments(engine, ids, { contextLength: 8, segment, topK: 10 }, (s) => parts.push(...s));
      expect(parts.map((s) => s.id)).toEqual(ids.slice(1));
      expect(parts).toEqual(whole);
      expect(calls.score - before).toBe(Math.ceil((ids.length - 1) / segment));
    }
  });

  test('reports progress up to 1 and stops when aborted', async () => {
    const { engine } = createFakeEngine({ contextLength: 8 });
    const ids = [...text].map((c) => ALPHABET.indexOf(c));
    const seen: number[] = [];
    await scoreInSegments(engine, ids, { contextLength: 8, segment: 20, onProgress: (f) => seen.push(f) }, () => {});
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1] - 1e-12)).toBe(true);
    const controller = new AbortController();
    const run = scoreInSegments(engine, ids, {
      contextLength: 8,
      segment: 20,
      signal: controller.signal,
      onProgress: (f) => f > 0.3 && controller.abort(),
    }, () => {});
    await expect(run).rejects.toThrow();
  });

  test('segments hold at least four contexts', () => {
    expect(segmentSize(64)).toBe(512);
    expect(segmentSize(256)).toBe(1024);
  });
});
