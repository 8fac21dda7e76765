import { describe, expect, test } from 'vitest';
import { codingWindow, engineProbabilityModel } from '../../../../src/lib/coding/engine-model.ts';
import type { Engine, NextTokenDistribution } from '../../../../src/lib/engine/types.ts';

describe('codingWindow', () => {
  test('uses the whole prefix up to the context length', () => {
    expect(codingWindow(5, 8)).toEqual([0, 5]);
    expect(codingWindow(8, 8)).toEqual([0, 8]);
  });

  test('beyond it, restarts every half-context so each window grows by one token between restarts', () => {
    const C = 8;
    let previousStart = -1;
    for (let n = 9; n < 60; n++) {
      const [start, end] = codingWindow(n, C);
      expect(end).toBe(n);
      expect(end - start).toBeGreaterThanOrEqual(C / 2);
      expect(end - start).toBeLessThanOrEqual(C);
      expect(start % (C / 2)).toBe(0);
      expect(start).toBeGreaterThanOrEqual(previousStart);
      previousStart = start;
    }
    expect(codingWindow(9, 8)).toEqual([4, 9]);
    expect(codingWindow(12, 8)).toEqual([8, 12]);
  });
});

describe('engineProbabilityModel', () => {
  const seen: number[][] = [];
  const engine = {
    async nextTokenDistribution(ids: number[]): Promise<NextTokenDistribution> {
      seen.push([...ids]);
      // Two candidates only, as a WebLLM engine would send: id 2 (p = 3/4) and id 0 (p = 1/4).
      return { ids: Int32Array.of(2, 0), logits: Float32Array.of(Math.log(3), 0), logSumExp: Math.log(4) };
    },
  } as unknown as Engine;

  test('turns sorted candidates into probabilities by token id; absent ids get 0', async () => {
    const model = engineProbabilityModel(engine, 4, 8);
    const p = await model([1, 2, 3]);
    expect(Array.from(p).map((x) => Number(x.toFixed(6)))).toEqual([0.25, 0, 0.75, 0]);
  });

  test('codes the first token uniformly without asking the engine', async () => {
    seen.length = 0;
    const p = await engineProbabilityModel(engine, 4, 8)([]);
    expect(Array.from(p)).toEqual([1, 1, 1, 1]);
    expect(seen).toEqual([]);
  });

  test('passes only the coding window to the engine', async () => {
    seen.length = 0;
    await engineProbabilityModel(engine, 4, 8)(Array.from({ length: 12 }, (_, i) => i % 4));
    expect(seen).toEqual([[0, 1, 2, 3]]);
  });
});

describe('engineProbabilityModel with a start token', () => {
  test('predicts the first token after <|endoftext|> and keeps it in the window', async () => {
    const calls: number[][] = [];
    const engine = {
      async nextTokenDistribution(ids: number[]): Promise<NextTokenDistribution> {
        calls.push([...ids]);
        return { ids: Int32Array.of(0), logits: Float32Array.of(0), logSumExp: 0 };
      },
    } as unknown as Engine;
    const model = engineProbabilityModel(engine, 4, 8, 3);
    await model([]);
    await model([1, 2]);
    expect(calls).toEqual([[3], [3, 1, 2]]);
  });
});
