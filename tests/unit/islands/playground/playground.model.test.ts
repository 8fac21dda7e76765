import { describe, expect, test } from 'vitest';
import { createPlaygroundModel } from '../../../../src/islands/playground/playground.model.ts';
import { DEFAULT_SETTINGS } from '../../../../src/lib/sampling/settings.ts';
import { ALPHABET, createFakeEngine } from '../fake-engine.ts';

async function ready(prompt = 'abc', extra: Parameters<typeof createPlaygroundModel>[1] = null) {
  const fake = createFakeEngine();
  const m = createPlaygroundModel({ getEngine: async () => fake.engine, randomSeed: () => 0.5 }, extra ?? { prompt, settings: DEFAULT_SETTINGS, seed: 7, path: [] });
  await m.load();
  return { m, fake };
}

describe('playground model', () => {
  test('loads, tokenizes the prompt and shows the next-token chart with ranks', async () => {
    const { m } = await ready('abc');
    expect(m.status.value).toBe('ready');
    expect(m.promptIds.value).toEqual([0, 1, 2]);
    expect(m.rows.value[0]).toMatchObject({ rank: 1, text: 'd', kept: true });
    expect(m.rows.value).toHaveLength(15);
    m.toggleChartSize();
    expect(m.rows.value).toHaveLength(ALPHABET.length);
    expect(m.rows.value.reduce((s, r) => s + r.prob, 0)).toBeCloseTo(1, 9);
    expect(m.tail.value?.count).toBe(0);
  });

  test('a load failure becomes an error the view can show, and retry works', async () => {
    const fake = createFakeEngine({ failLoad: true });
    const m = createPlaygroundModel({ getEngine: async () => fake.engine }, null);
    await m.load();
    expect(m.status.value).toBe('error');
    expect(m.error.value).toEqual({ kind: 'load', detail: 'model.safetensors: HTTP 404' });
  });

  test('sliders reshape the chart without asking the model again', async () => {
    const { m, fake } = await ready();
    const before = fake.calls.next;
    m.setSetting('temperature', 0.05);
    expect(m.rows.value[0].prob).toBeCloseTo(1, 6);
    m.setSetting('temperature', 1);
    m.setSetting('topK', 3);
    expect(m.rows.value.filter((r) => r.kept)).toHaveLength(3);
    expect(m.reshaped.value?.cutBy).toBe('topK');
    expect(fake.calls.next).toBe(before);
  });

  test('greedy step appends the top candidate; undo goes back and keeps the branch', async () => {
    const { m } = await ready('abc');
    await m.step('greedy');
    expect(m.path.value).toEqual([3]);
    expect(m.continuation.value).toBe('d');
    await m.undo();
    expect(m.path.value).toEqual([]);
    expect(m.loom.value.nodes).toHaveLength(2);
  });

  test('the same seed gives the same text; another seed may differ', async () => {
    const runWith = async (seed: number) => {
      const { m } = await ready('a', { prompt: 'a', settings: { ...DEFAULT_SETTINGS, temperature: 1.5 }, seed, path: [] });
      for (let i = 0; i < 8; i++) await m.step('sample');
      return m.continuation.value;
    };
    const a = await runWith(1);
    expect(await runWith(1)).toBe(a);
    const others = await Promise.all([2, 3, 4, 5].map(runWith));
    expect(others.some((t) => t !== a)).toBe(true);
  });

  test('picking a candidate branches; the earlier branch stays reachable in the tree', async () => {
    const { m } = await ready('abc');
    await m.step('greedy');
    const first = m.current.value;
    await m.undo();
    await m.pick(ALPHABET.indexOf('h'));
    expect(m.continuation.value).toBe('h');
    expect(m.lastMove.value).toMatchObject({ kind: 'pick', rank: 5 });
    await m.goTo(first);
    expect(m.continuation.value).toBe('d');
  });

  test('run streams up to its length and can be stopped', async () => {
    const { m } = await ready('a');
    await m.run(5);
    expect(m.path.value).toHaveLength(5);
    const running = m.run(100);
    await new Promise((r) => setTimeout(r, 5));
    m.stop();
    await running;
    expect(m.running.value).toBe(false);
    expect(m.path.value.length).toBeLessThan(105);
  });

  test('a new prompt starts a new tree', async () => {
    const { m } = await ready('abc');
    await m.step('greedy');
    await m.setPrompt('你好');
    expect(m.path.value).toEqual([]);
    expect(m.loom.value.nodes).toHaveLength(1);
    expect(m.promptIds.value).toEqual([ALPHABET.indexOf('你'), ALPHABET.indexOf('好')]);
  });

  test('a shared state restores prompt, settings, seed and path', async () => {
    const { m } = await ready('a', { prompt: 'ab', settings: { ...DEFAULT_SETTINGS, topP: 0.5 }, seed: 99, path: [2, 3, 9] });
    expect(m.continuation.value).toBe('cdj');
    expect(m.url.value).toEqual({ prompt: 'ab', settings: { ...DEFAULT_SETTINGS, topP: 0.5 }, seed: 99, path: [2, 3, 9] });
  });
});

describe('playground model while typing', () => {
  test('a step cannot land on the old prompt while the new one is being tokenized', async () => {
    const { m } = await ready('abc');
    m.editPrompt('ab', 20);
    expect(m.canStep.value).toBe(false);
    await m.step('greedy');
    expect(m.path.value).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(m.promptIds.value).toEqual([0, 1]);
    expect(m.canStep.value).toBe(true);
    await m.step('greedy');
    expect(m.continuation.value).toBe('c');
  });

  test('Run stops at its length limit and says so', async () => {
    const { m } = await ready('a');
    await m.run(3);
    expect(m.path.value).toHaveLength(3);
    expect(m.runEnded.value).toBe('length');
  });
});
