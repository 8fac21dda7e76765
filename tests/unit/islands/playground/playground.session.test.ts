/**
 * One engine's session, driven directly: load, the tree moves, the cache, a new prompt, a shared
 * path, and what a disposed session does with answers that arrive late.
 */
import { signal } from '@preact/signals';
import { describe, expect, test } from 'vitest';
import type { Engine } from '../../../../src/lib/engine/types.ts';
import { createPlaygroundSession, MAX_DEPTH } from '../../../../src/islands/playground/playground.session.ts';
import { ALPHABET, createFakeEngine } from '../fake-engine.ts';

const id = (c: string) => ALPHABET.indexOf(c);

async function loaded(text = 'abc', path: number[] = [], opts: Parameters<typeof createFakeEngine>[0] = {}) {
  const fake = createFakeEngine(opts);
  const prompt = signal(text);
  let failures = 0;
  const s = createPlaygroundSession({ getEngine: async () => fake.engine, prompt, path, onFail: () => failures++ });
  await s.load();
  return { s, fake, prompt, failures: () => failures };
}

describe('playground session', () => {
  test('load tokenizes the prompt, fetches the first distribution and the texts of its candidates', async () => {
    const { s } = await loaded('abc');
    expect(s.status.value).toBe('ready');
    expect(s.info.value?.vocabSize).toBe(ALPHABET.length);
    expect(s.promptIds.value).toEqual([0, 1, 2]);
    expect(s.dist.value?.ids[0]).toBe(id('d'));
    expect(s.texts.value.get(id('d'))).toBe('d');
    expect(s.fullText.value).toBe('abc');
    expect(s.canStep.value).toBe(true);
  });

  test('the prompt is read when the model is ready, so text typed during the load counts', async () => {
    const fake = createFakeEngine();
    const prompt = signal('a');
    const s = createPlaygroundSession({ getEngine: async () => fake.engine, prompt });
    const loading = s.load();
    prompt.value = 'ab';
    await loading;
    expect(s.promptIds.value).toEqual([0, 1]);
  });

  test('a failed load says why, tells the owner, and a retry asks for the engine again', async () => {
    let asked = 0;
    const broken = createFakeEngine({ failLoad: true });
    const working = createFakeEngine();
    let failures = 0;
    const s = createPlaygroundSession({
      getEngine: async () => (++asked === 1 ? broken.engine : working.engine),
      prompt: signal('ab'),
      onFail: () => failures++,
    });
    await s.load();
    expect(s.status.value).toBe('error');
    expect(s.error.value).toEqual({ kind: 'load', detail: 'model.safetensors: HTTP 404' });
    expect(failures).toBe(1);
    await s.load();
    expect(asked).toBe(2);
    expect(s.status.value).toBe('ready');
    expect(s.error.value).toBeNull();
  });

  test('moves grow the tree; going back keeps the branch and uses the cached distribution', async () => {
    const { s, fake } = await loaded('abc');
    await s.moveTo(id('d'), 'greedy', null);
    await s.moveTo(id('e'), 'greedy', null);
    expect(s.path.value).toEqual([id('d'), id('e')]);
    const asked = fake.calls.next;
    await s.back();
    await s.back();
    expect(s.path.value).toEqual([]);
    expect(fake.calls.next).toBe(asked); // both distributions were cached
    await s.moveTo(id('h'), 'pick', null);
    expect(s.loom.value.nodes).toHaveLength(4);
    await s.goTo(2);
    expect(s.path.value).toEqual([id('d'), id('e')]);
    expect(s.lastMove.value).toBeNull();
  });

  test('the last move carries its rank and probabilities from the distribution it came from', async () => {
    const { s } = await loaded('abc');
    const r = { ids: Int32Array.from([id('d'), id('e')]), probs: Float64Array.from([0.7, 0.3]), baseProbs: Float64Array.from([0.6, 0.2]) };
    await s.moveTo(id('e'), 'sample', r as never, 0.9);
    expect(s.lastMove.value).toEqual({ kind: 'sample', token: id('e'), rank: 2, prob: 0.3, baseProb: 0.2, u: 0.9 });
  });

  test('a shared path is replayed after the prompt; ids beyond the vocabulary are dropped', async () => {
    const { s } = await loaded('ab', [id('c'), 9999, id('d')]);
    expect(s.path.value).toEqual([id('c'), id('d')]);
    expect(s.fullText.value).toBe('abcd');
  });

  test('a path applied before the load is replayed by it; after the load it restarts the tree', async () => {
    const fake = createFakeEngine();
    const prompt = signal('ab');
    const s = createPlaygroundSession({ getEngine: async () => fake.engine, prompt });
    await s.restore('ab', [id('c')]);
    await s.load();
    expect(s.path.value).toEqual([id('c')]);
    await s.restore('a', [id('b'), id('c')]);
    expect(s.promptIds.value).toEqual([0]);
    expect(s.path.value).toEqual([id('b'), id('c')]);
    expect(s.loom.value.nodes).toHaveLength(3);
  });

  test('a new prompt starts a new tree; before the load it does nothing', async () => {
    const { s } = await loaded('abc');
    await s.moveTo(id('d'), 'greedy', null);
    await s.setPrompt('你好');
    expect(s.promptIds.value).toEqual([id('你'), id('好')]);
    expect(s.loom.value.nodes).toHaveLength(1);
    const idle = createPlaygroundSession({ getEngine: async () => createFakeEngine().engine, prompt: signal('a') });
    await idle.setPrompt('b');
    expect(idle.status.value).toBe('idle');
  });

  test('the tree stops growing at MAX_DEPTH', async () => {
    const { s } = await loaded('a', new Array(MAX_DEPTH).fill(id('b')), { contextLength: 4 });
    expect(s.path.value).toHaveLength(MAX_DEPTH);
    expect(s.canStep.value).toBe(false);
  });

  test('an engine error during a move is shown, stops the owner, and keeps the tree', async () => {
    const { s, fake, failures } = await loaded('abc');
    const engine: Engine = fake.engine;
    engine.nextTokenDistribution = async () => {
      throw new Error('GPU lost');
    };
    await s.moveTo(id('d'), 'greedy', null);
    expect(s.error.value).toEqual({ kind: 'engine', detail: 'GPU lost' });
    expect(s.status.value).toBe('ready');
    expect(s.busy.value).toBe(false);
    expect(failures()).toBe(1);
    expect(s.path.value).toEqual([id('d')]);
  });

  test('a disposed session drops the answers still on their way', async () => {
    const fake = createFakeEngine();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Engine = { ...fake.engine, load: async (p) => (await gate, fake.engine.load(p)) };
    const s = createPlaygroundSession({ getEngine: async () => slow, prompt: signal('abc') });
    const loading = s.load();
    s.dispose();
    release();
    await loading;
    expect(s.status.value).toBe('loading');
    expect(s.promptIds.value).toEqual([]);
    expect(fake.calls.next).toBe(0);
  });
});
