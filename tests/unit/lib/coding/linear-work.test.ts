/**
 * Coding n tokens must cost O(n), not O(n²): the coder may not copy the prefix per token (112 KB
 * took 39 s and 1 MB never finished when it did). Measured as work, not time: every read of a
 * token id is counted through a Proxy.
 */
import { describe, expect, test } from 'vitest';
import { engineProbabilityModel, logitsProbabilityModel } from '../../../../src/lib/coding/engine-model.ts';
import { decodeTokens, encodeTokens, type ProbabilityModel } from '../../../../src/lib/coding/token-coder.ts';
import type { Engine } from '../../../../src/lib/engine/types.ts';

/** An array whose element reads are counted. */
function counted(ids: number[]): { array: number[]; reads: () => number } {
  let reads = 0;
  const array = new Proxy(ids, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { array, reads: () => reads };
}

const V = 8;
const C = 16;
const uniform: ProbabilityModel = () => new Float64Array(V).fill(1);

describe('the coder does linear work', () => {
  test('encodeTokens reads each id a bounded number of times, however long the text', async () => {
    const n = 2000;
    const ids = counted(Array.from({ length: n }, (_, i) => (i * 5) % V));
    await encodeTokens(ids.array, uniform);
    expect(ids.reads()).toBeLessThanOrEqual(3 * n);
  });

  test('the engine model copies only the window, never the whole prefix', async () => {
    const engine = {
      async nextTokenDistribution(window: number[]) {
        expect(window.length).toBeLessThanOrEqual(C);
        return { ids: Int32Array.from({ length: V }, (_, i) => i), logits: new Float32Array(V), logSumExp: Math.log(V) };
      },
    } as unknown as Engine;
    for (const model of [engineProbabilityModel(engine, V, C, 0), logitsProbabilityModel(() => new Float32Array(V), V, C, 0)]) {
      const n = 1500;
      const prefix = counted([]);
      for (let i = 0; i < n; i++) {
        await model(prefix.array);
        prefix.array.push(i % V);
      }
      // At most one window (C ids) per call; copying the prefix would read n²/2 ≈ 1.1 million.
      expect(prefix.reads()).toBeLessThanOrEqual(n * C);
    }
  });

  test('both model paths give bit-identical probabilities, so either decodes the other', async () => {
    const logits = Float32Array.from({ length: V }, (_, i) => Math.sin(i * 1.7) * 3);
    const engine = {
      async nextTokenDistribution() {
        const order = Array.from({ length: V }, (_, i) => i).sort((a, b) => logits[b]! - logits[a]!);
        let max = -Infinity;
        for (const l of logits) max = Math.max(max, l);
        let sum = 0;
        for (const l of logits) sum += Math.exp(l - max);
        return { ids: Int32Array.from(order), logits: Float32Array.from(order, (i) => logits[i]!), logSumExp: max + Math.log(sum) };
      },
    } as unknown as Engine;
    const a = await engineProbabilityModel(engine, V, C)([1, 2, 3]);
    const b = await logitsProbabilityModel(() => logits, V, C)([1, 2, 3]);
    expect(Array.from(b)).toEqual(Array.from(a));
    const ids = Array.from({ length: 100 }, (_, i) => (i * 3) % V);
    const { payload } = await encodeTokens(ids, engineProbabilityModel(engine, V, C));
    expect(await decodeTokens(payload, ids.length, logitsProbabilityModel(() => logits, V, C))).toEqual(ids);
  });
});
