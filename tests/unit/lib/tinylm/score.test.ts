import { describe, expect, test } from 'vitest';
import { parseGptConfig } from '../../../../src/lib/tinylm/config.ts';
import { logSumExp } from '../../../../src/lib/tinylm/distribution.ts';
import { createGptRunner } from '../../../../src/lib/tinylm/model.ts';
import { scoreIds } from '../../../../src/lib/tinylm/score.ts';
import { loadGptWeights } from '../../../../src/lib/tinylm/weights.ts';
import { encodeModel, fixtureConfig, mulberry32, randomTensors, SMALL } from '../../../fixtures/tiny-gpt.ts';

const config = parseGptConfig(fixtureConfig(SMALL));
const { weights } = loadGptWeights(encodeModel(randomTensors(SMALL, 5), 'F32').file, config);
const C = SMALL.contextLength;

function randomIds(n: number, seed: number): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => Math.floor(rng() * config.vocabSize));
}

/** The expected score of ids[t] predicted from ids[from … t). */
function expected(ids: number[], from: number, t: number) {
  const logits = createGptRunner(weights, config).nextLogits(ids.slice(from, t));
  const x = logits[ids[t]!]!;
  return { logprob: x - logSumExp(logits), rank: 1 + [...logits].filter((v) => v > x).length };
}

describe('scoreIds', () => {
  test('within the context, each token is scored from every token before it', async () => {
    const ids = randomIds(C, 1);
    const scores = await scoreIds(createGptRunner(weights, config, { chunkRows: 5 }), ids, { topK: 3 });
    expect(scores.map((s) => s.id)).toEqual(ids.slice(1));
    scores.forEach((s, i) => {
      const e = expected(ids, 0, i + 1);
      expect(s.logprob).toBeCloseTo(e.logprob, 4);
      expect(s.rank).toBe(e.rank);
      expect(s.top).toHaveLength(3);
      expect(s.top[0]!.logprob).toBeGreaterThanOrEqual(s.top[1]!.logprob);
      if (s.rank === 1) expect(s.top[0]!.id).toBe(s.id);
    });
  });

  test('beyond the context, windows advance by half a context and every token is scored once', async () => {
    const n = 3 * C + 5;
    const ids = randomIds(n, 2);
    const scores = await scoreIds(createGptRunner(weights, config, { chunkRows: 4 }), ids);
    expect(scores).toHaveLength(n - 1);
    const stride = C / 2;
    for (let t = 1; t < n; t++) {
      // Token t comes from the first window [s, s + C) that reaches it.
      const s = t <= C ? 0 : Math.ceil((t - C) / stride) * stride;
      expect(t - s).toBeGreaterThanOrEqual(Math.min(t, stride));
      expect(scores[t - 1]!.logprob).toBeCloseTo(expected(ids, s, t).logprob, 4);
    }
  });

  test('an aborted signal rejects with an AbortError, and progress ends at 1 otherwise', async () => {
    const ids = randomIds(4 * C, 3);
    const controller = new AbortController();
    controller.abort();
    await expect(scoreIds(createGptRunner(weights, config), ids, { signal: controller.signal })).rejects.toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
    const fractions: number[] = [];
    await scoreIds(createGptRunner(weights, config), ids, { onProgress: (f) => fractions.push(f), sliceMs: 0 });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.length).toBeGreaterThan(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  test('aborting while it runs stops it', async () => {
    const controller = new AbortController();
    const running = scoreIds(createGptRunner(weights, config, { chunkRows: 2 }), randomIds(8 * C, 4), {
      signal: controller.signal,
      sliceMs: 0,
      onProgress: (f) => { if (f > 0.2) controller.abort(); },
    });
    await expect(running).rejects.toThrow(expect.objectContaining({ name: 'AbortError' }));
  });

  test('one token or none has nothing to score', async () => {
    expect(await scoreIds(createGptRunner(weights, config), [5])).toEqual([]);
  });
});
