import { describe, expect, test } from 'vitest';
import { gzipSize } from '../../../../src/islands/surprisal/gzip-size.ts';
import { createSurprisalModel, tokenAt, type SurprisalResult } from '../../../../src/islands/surprisal/surprisal.model.ts';
import { createFakeEngine } from '../fake-engine.ts';

/** Every token of a result, unpacked. */
const tokens = (r: SurprisalResult) => [...r.ids].map((_, i) => tokenAt(r, i));

async function ready(text: string, opts: Parameters<typeof createFakeEngine>[0] = {}) {
  const fake = createFakeEngine(opts);
  const m = createSurprisalModel({ getEngine: async () => fake.engine, gzipSize }, text);
  await m.load();
  return { m, fake };
}

describe('surprisal model', () => {
  test('scores every token after the first, with ranks, buckets and totals', async () => {
    // In the fake, the next alphabet letter is rank 1: "abcd" is fully predictable, "ajd" is not.
    const { m } = await ready('abcd');
    await m.score();
    const r = m.result.value!;
    expect(m.phase.value).toBe('done');
    const toks = tokens(r);
    expect(toks.map((t) => t.text).join('')).toBe('abcd');
    expect(toks[0].rank).toBeNull();
    expect(toks.slice(1).map((t) => t.rank)).toEqual([1, 1, 1]);
    expect(r.buckets).toEqual({ top10: 3, top100: 0, top1000: 0, beyond: 0 });
    const expectedBits = -toks.slice(1).reduce((s, t) => s + t.logprob!, 0) / Math.LN2;
    expect(r.totals.bits).toBeCloseTo(expectedBits, 9);
    // Bits per byte leave out the first token's byte, which nobody predicted.
    expect(r.totals.bitsPerByte).toBeCloseTo(expectedBits / 3, 9);
    expect(toks[1].top).toHaveLength(10);
    expect(toks[1].top[0]).toMatchObject({ id: 1, token: 'b' });
  });

  test('a surprising text costs more bits than a predictable one', async () => {
    const { m } = await ready('abcdefgh');
    await m.score();
    const cheap = m.result.value!.totals.bits;
    m.setText('ahcjebgd');
    await m.score();
    expect(m.result.value!.totals.bits).toBeGreaterThan(cheap + 10);
  });

  test('tokens beyond the context window are marked', async () => {
    const { m } = await ready('abcdefghij abcdefghij', { contextLength: 8 });
    await m.score();
    const r = m.result.value!;
    expect(tokens(r).filter((t) => t.beyondContext).map((t) => t.index)[0]).toBe(9);
    expect(tokens(r).slice(0, 9).some((t) => t.beyondContext)).toBe(false);
  });

  test('progress is reported and cancel stops a long score', async () => {
    const { m } = await ready('abcdefghij'.repeat(20), { scoreDelayMs: 2 });
    const running = m.score();
    await new Promise((r) => setTimeout(r, 30));
    expect(m.phase.value).toBe('scoring');
    expect(m.progress.value).toBeGreaterThan(0);
    m.cancel();
    await running;
    expect(m.phase.value).toBe('cancelled');
    expect(m.result.value).toBeNull();
  });

  test('a new score replaces one still running', async () => {
    const { m } = await ready('abcdefghij'.repeat(10), { scoreDelayMs: 1 });
    const first = m.score();
    m.setText('abc');
    await m.score();
    await first;
    expect(m.phase.value).toBe('done');
    expect(tokens(m.result.value!).map((t) => t.text).join('')).toBe('abc');
  });

  test('gzip size comes from CompressionStream and shrinks repetitive text', async () => {
    const bytes = new TextEncoder().encode('法国的首都是巴黎。'.repeat(100));
    const size = await gzipSize(bytes);
    expect(size).toBeGreaterThan(18);
    expect(size).toBeLessThan(bytes.length / 10);
  });

  test('keyboard focus moves within the tokens and stays in range', async () => {
    const { m } = await ready('abcd');
    await m.score();
    m.activate(2);
    expect(m.active.value).toBe(2);
    m.activate(99);
    expect(m.active.value).toBe(3);
    m.activate(-5);
    expect(m.active.value).toBe(0);
  });
});

describe('surprisal model on a long text', () => {
  test('scores in segments yet matches one whole-text call, token for token', async () => {
    const text = 'abcdefghij 你好法国的首都是巴黎。ahcjebgd'.repeat(40);
    const { m, fake } = await ready(text, { contextLength: 8 });
    await m.score();
    const r = m.result.value!;
    expect(fake.calls.score).toBeGreaterThan(1);
    const ids = [...text].map((c) => Math.max(0, 'abcdefghij 你好法国的首都是巴黎。'.indexOf(c)));
    const whole = await fake.engine.score(ids, { topK: 10 });
    expect([...r.scores.ranks]).toEqual(whole.map((s) => s.rank));
    expect(tokenAt(r, 500).top.map((c) => c.id)).toEqual(whole[499].top.map((c) => c.id));
  });
});

describe('surprisal model with another engine', () => {
  test('useEngine drops the result and scores with the new engine once loaded', async () => {
    const { m, fake } = await ready('abcd');
    await m.score();
    expect(m.result.value).not.toBeNull();
    const other = createFakeEngine({ contextLength: 4 });
    m.useEngine(async () => other.engine);
    expect(m.status.value).toBe('idle');
    expect(m.result.value).toBeNull();
    expect(m.info.value).toBeNull();
    await m.load();
    await m.score();
    expect(m.info.value?.contextLength).toBe(4);
    expect(other.calls.score).toBeGreaterThan(0);
    expect(fake.calls.score).toBe(1);
  });

  test('a load or a score still running for the previous engine is dropped', async () => {
    const first = createFakeEngine({ scoreDelayMs: 5 });
    const m = createSurprisalModel({ getEngine: async () => first.engine, gzipSize }, 'abcdefgh');
    await m.load();
    const scoring = m.score();
    const second = createFakeEngine();
    m.useEngine(async () => second.engine);
    await scoring;
    expect(m.result.value).toBeNull();
    expect(m.phase.value).toBe('idle');
    const loading = m.load();
    const third = createFakeEngine({ contextLength: 3 });
    m.useEngine(async () => third.engine);
    await loading;
    expect(m.status.value).toBe('idle');
    expect(m.info.value).toBeNull();
  });
});
