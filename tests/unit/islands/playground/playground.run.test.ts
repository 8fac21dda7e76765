/** The seeded draw and the Run loop, with a counter for a model. */
import { describe, expect, test } from 'vitest';
import { createRunLoop, drawToken } from '../../../../src/islands/playground/playground.run.ts';
import { reshapeDistribution } from '../../../../src/lib/sampling/distribution.ts';
import { DEFAULT_SETTINGS } from '../../../../src/lib/sampling/settings.ts';

const dist = { ids: Int32Array.from([7, 3, 5, 1]), logits: Float32Array.from([2, 1.5, 1, 0.5]), logSumExp: 0 };
dist.logSumExp = Math.log([...dist.logits].reduce((s, l) => s + Math.exp(l), 0));

describe('drawToken', () => {
  test('the same seed and position draw the same token; the draw only takes kept candidates', () => {
    const r = reshapeDistribution(dist, { ...DEFAULT_SETTINGS, temperature: 1.5 });
    const a = drawToken(r, 11, 4);
    expect(drawToken(r, 11, 4)).toEqual(a);
    expect(a.u).toBeGreaterThanOrEqual(0);
    expect(a.u).toBeLessThan(1);
    const draws = new Set(Array.from({ length: 40 }, (_, i) => drawToken(r, i, 0).token));
    expect(draws.size).toBeGreaterThan(1);
    const top2 = reshapeDistribution(dist, { ...DEFAULT_SETTINGS, topK: 2 });
    for (let seed = 0; seed < 40; seed++) expect([7, 3]).toContain(drawToken(top2, seed, 0).token);
  });
});

function counter(limit = Infinity, endAt = Infinity) {
  let steps = 0;
  const loop = createRunLoop({
    canStep: () => steps < limit,
    step: async () => void steps++,
    endedText: () => steps === endAt,
    pause: async () => {},
  });
  return { loop, steps: () => steps };
}

describe('run loop', () => {
  test('stops at its length and says so', async () => {
    const { loop, steps } = counter();
    await loop.run(5);
    expect(steps()).toBe(5);
    expect(loop.runEnded.value).toBe('length');
    expect(loop.running.value).toBe(false);
  });

  test('stops at the end of the text and says so', async () => {
    const { loop, steps } = counter(Infinity, 3);
    await loop.run(40);
    expect(steps()).toBe(3);
    expect(loop.runEnded.value).toBe('end-of-text');
  });

  test('stops without a reason when no step is possible, or when Stop is pressed', async () => {
    const limited = counter(2);
    await limited.loop.run(40);
    expect(limited.steps()).toBe(2);
    expect(limited.loop.runEnded.value).toBeNull();
    let steps = 0;
    const loop = createRunLoop({ canStep: () => true, step: async () => void steps++, endedText: () => false });
    const running = loop.run(1000);
    await new Promise((r) => setTimeout(r, 5));
    loop.stop();
    await running;
    expect(loop.running.value).toBe(false);
    expect(steps).toBeLessThan(1000);
    expect(loop.runEnded.value).toBeNull();
  });

  test('a second Run while one runs, or a Run that cannot step, does nothing', async () => {
    const { loop, steps } = counter();
    const first = loop.run(3);
    await loop.run(3);
    await first;
    expect(steps()).toBe(3);
    const blocked = counter(0);
    await blocked.loop.run(3);
    expect(blocked.loop.runEnded.value).toBeNull();
    expect(blocked.steps()).toBe(0);
  });

  test('reset forgets why the last run ended', async () => {
    const { loop } = counter();
    await loop.run(1);
    loop.reset();
    expect(loop.runEnded.value).toBeNull();
  });
});
