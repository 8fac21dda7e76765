/**
 * The playground's engine switch: first its decisions alone (playground.engine-switch.ts), then
 * through the playground: the same controls drive the built-in model or a real base
 * model loaded elsewhere on the page. The "real" model here is a second fake with another
 * tokenizer (ids shifted) that, like WebLLM, sends only its top candidates plus logSumExp.
 */
import { signal } from '@preact/signals';
import { describe, expect, test } from 'vitest';
import type { Engine } from '../../../../src/lib/engine/types.ts';
import { createPlaygroundModel, type RealModelChoice } from '../../../../src/islands/playground/playground.model.ts';
import { createEngineSwitch } from '../../../../src/islands/playground/playground.engine-switch.ts';
import { DEFAULT_SETTINGS } from '../../../../src/lib/sampling/settings.ts';
import { logSumExp } from '../../../../src/lib/sampling/softmax.ts';
import { ALPHABET, createFakeEngine, fakeLogits } from '../fake-engine.ts';

const V = ALPHABET.length;
/** The "real" model numbers its tokens differently: id = alphabet index + SHIFT. */
const SHIFT = 100;
const REAL_VOCAB = V + SHIFT;
const TOP = 5;

/** A stand-in for the WebLLM engine: other token ids, a bigger vocabulary, only the top 5 sent. */
function createRealFake() {
  const calls = { next: 0, load: 0 };
  let loaded = true;
  const engine: Engine = {
    async load() {
      calls.load++;
      return { id: 'real-fake-q4f32_1-MLC', vocabSize: REAL_VOCAB, contextLength: 2048, parameters: 1.4e9 };
    },
    async tokenize(text) {
      return [...text].map((c) => Math.max(0, ALPHABET.indexOf(c)) + SHIFT);
    },
    async detokenize(ids) {
      return ids.map((i) => ALPHABET[i - SHIFT] ?? '?').join('');
    },
    async nextTokenDistribution(ids) {
      calls.next++;
      const logits = fakeLogits(ids.map((i) => i - SHIFT));
      const order = [...logits.keys()].sort((a, b) => logits[b] - logits[a]).slice(0, TOP);
      // The tokens the fake never uses (ids 0..99) have logit −2 each: part of logSumExp, never sent.
      const all = [...logits, ...new Array(SHIFT).fill(-2)];
      return { ids: Int32Array.from(order.map((i) => i + SHIFT)), logits: Float32Array.from(order.map((i) => logits[i])), logSumExp: logSumExp(all) };
    },
    async tokenTexts(ids) {
      return ids.map((i) => ALPHABET[i - SHIFT] ?? '?');
    },
    async score() {
      return [];
    },
    async dispose() {},
  };
  const choice: RealModelChoice = { key: 'phi-1_5', name: 'phi-1.5', engine, isLoaded: () => loaded };
  return { choice, calls, unload: () => (loaded = false) };
}

async function setup(initial: Parameters<typeof createPlaygroundModel>[1] = { prompt: 'abc', settings: DEFAULT_SETTINGS, seed: 7, path: [] }) {
  const builtIn = createFakeEngine();
  const real = createRealFake();
  const realModel = signal<RealModelChoice | null>(null);
  const m = createPlaygroundModel({ getEngine: async () => builtIn.engine, realModel }, initial);
  await m.load();
  return { m, builtIn, real, realModel };
}

/** Waits for a switch the model started on its own (the panel freed or replaced the model). */
async function settle(m: ReturnType<typeof createPlaygroundModel>) {
  for (let i = 0; i < 50 && (m.status.value !== 'ready' || m.busy.value); i++) await new Promise((r) => setTimeout(r, 1));
}

describe('engine switch decisions', () => {
  const real = (): RealModelChoice => createRealFake().choice;

  test('choosing the built-in model while it runs does nothing; while idle it (re)starts it', () => {
    const sw = createEngineSwitch(null);
    expect(sw.planChoice('builtin', null, 'ready')).toBeNull();
    expect(sw.planChoice('builtin', null, 'idle')).toEqual({ choice: { kind: 'builtin' }, reason: 'chosen', real: null });
  });

  test('the real model: nothing without one, back to built-in when it was freed, nothing when already in use', () => {
    const sw = createEngineSwitch(null);
    expect(sw.planChoice('real', null, 'ready')).toBeNull();
    const gone = { ...real(), isLoaded: () => false };
    expect(sw.planChoice('real', gone, 'ready')).toMatchObject({ choice: { kind: 'builtin' }, reason: 'unloaded' });
    const phi = real();
    const plan = sw.planChoice('real', phi, 'ready')!;
    expect(plan).toMatchObject({ choice: { kind: 'real', key: 'phi-1_5' }, reason: 'chosen', real: phi });
    sw.commit(plan, { text: 'abc', treeReset: false });
    expect(sw.choice.value).toEqual({ kind: 'real', key: 'phi-1_5', name: 'phi-1.5' });
    expect(sw.linkKey()).toBe('phi-1_5');
    expect(sw.planChoice('real', phi, 'ready')).toBeNull();
    // Not yet loaded (e.g. after an error): choosing it again retries.
    expect(sw.planChoice('real', phi, 'error')).not.toBeNull();
  });

  test('following the panel: only while a real model is in use; freed → built-in, another → that one', () => {
    const sw = createEngineSwitch(null);
    expect(sw.planFollow(null)).toBeNull();
    const phi = real();
    sw.commit(sw.planChoice('real', phi, 'ready')!, { text: '', treeReset: false });
    expect(sw.planFollow(phi)).toBeNull();
    expect(sw.planFollow(null)).toMatchObject({ choice: { kind: 'builtin' }, reason: 'unloaded' });
    const other = { ...real(), key: 'phi-2', name: 'phi-2' };
    expect(sw.planFollow(other)).toMatchObject({ choice: { kind: 'real', key: 'phi-2' }, reason: 'replaced', real: other });
  });

  test("a shared link's real-model path waits for that model, and is replayed only on the link's own text", () => {
    const link = { prompt: 'ab', settings: DEFAULT_SETTINGS, seed: 5, path: [102, 103], engine: 'phi-1_5' };
    const sw = createEngineSwitch(link);
    expect(sw.start).toEqual({ prompt: 'ab', settings: DEFAULT_SETTINGS, seed: 5, path: [] });
    expect(sw.note.value).toEqual({ reason: 'shared-real-missing', to: { kind: 'builtin' }, treeReset: true, sharedModel: 'phi-1_5' });
    const plan = sw.planChoice('real', real(), 'ready')!;
    expect(sw.commit(plan, { text: 'ab', treeReset: false })).toEqual([102, 103]);
    expect(sw.note.value).toMatchObject({ reason: 'shared-replayed', sharedModel: 'phi-1_5' });
    // The link is used once: a later switch to that model replays nothing.
    expect(sw.commit(plan, { text: 'ab', treeReset: false })).toEqual([]);
    const edited = createEngineSwitch(link);
    expect(edited.commit(plan, { text: 'abc', treeReset: false })).toEqual([]);
    expect(edited.note.value).toMatchObject({ reason: 'chosen', sharedModel: 'phi-1_5' });
  });
});

describe('playground engine switch', () => {
  test('the real model is offered only once one is loaded; choosing it without one does nothing', async () => {
    const { m, realModel, real } = await setup();
    expect(m.realAvailable.value).toBeNull();
    await m.chooseEngine('real');
    expect(m.engineChoice.value).toEqual({ kind: 'builtin' });
    realModel.value = real.choice;
    expect(m.realAvailable.value?.name).toBe('phi-1.5');
    expect(m.engineChoice.value).toEqual({ kind: 'builtin' }); // loading a model does not switch by itself
  });

  test('switching keeps the text, re-tokenizes it with the new model and resets the tree', async () => {
    const { m, realModel, real } = await setup();
    await m.step('greedy');
    await m.step('greedy');
    expect(m.continuation.value).toBe('de');
    realModel.value = real.choice;
    await m.chooseEngine('real');
    expect(m.engineChoice.value).toEqual({ kind: 'real', key: 'phi-1_5', name: 'phi-1.5' });
    expect(m.status.value).toBe('ready');
    expect(m.prompt.value).toBe('abcde');
    expect(m.promptIds.value).toEqual([0, 1, 2, 3, 4].map((i) => i + SHIFT));
    expect(m.path.value).toEqual([]);
    expect(m.loom.value.nodes).toHaveLength(1);
    expect(m.engineNote.value).toMatchObject({ reason: 'chosen', to: { kind: 'real' }, treeReset: true });
    expect(m.info.value?.vocabSize).toBe(REAL_VOCAB);
    expect(m.rows.value[0]).toMatchObject({ rank: 1, id: ALPHABET.indexOf('f') + SHIFT, text: 'f' });
    expect(m.url.value.engine).toBe('phi-1_5');
  });

  test('with only the top candidates sent, the tail counts the whole vocabulary and its mass', async () => {
    const { m, realModel, real } = await setup();
    realModel.value = real.choice;
    await m.chooseEngine('real');
    const r = m.reshaped.value!;
    expect(r.ids).toHaveLength(TOP);
    expect(m.rows.value).toHaveLength(TOP);
    // Unsent mass from logSumExp: everything but the five sent candidates.
    const logits = fakeLogits([2]);
    const all = [...logits, ...new Array(SHIFT).fill(-2)];
    const lse = logSumExp(all);
    const sent = [...logits].sort((a, b) => b - a).slice(0, TOP).reduce((s, l) => s + Math.exp(l - lse), 0);
    expect(r.unsentMass).toBeCloseTo(1 - sent, 9);
    expect(m.tail.value).toMatchObject({ count: REAL_VOCAB - TOP });
    expect(m.tail.value!.baseMass).toBeCloseTo(1 - sent, 9);
    // Unsent tokens cannot be sampled: with the settings, all the mass is on the chart.
    expect(m.tail.value!.mass).toBeCloseTo(0, 9);
    expect(m.rows.value.reduce((s, row) => s + row.prob, 0)).toBeCloseTo(1, 9);
    // So the drawn probabilities are not the model's own: the chart must show both.
    expect(m.rows.value[0].prob).toBeGreaterThan(m.rows.value[0].baseProb);
    expect(m.untouched.value).toBe(false);
  });

  test('step, sample, branch and undo work the same with the real model', async () => {
    const { m, realModel, real } = await setup();
    realModel.value = real.choice;
    await m.chooseEngine('real');
    await m.step('greedy');
    expect(m.continuation.value).toBe('d');
    await m.undo();
    await m.pick(ALPHABET.indexOf('f') + SHIFT);
    expect(m.continuation.value).toBe('f');
    expect(m.lastMove.value).toMatchObject({ kind: 'pick', rank: 3 });
    expect(m.loom.value.nodes).toHaveLength(3);
    m.setSetting('topK', 2);
    await m.step('sample');
    expect(['g', 'h']).toContain(m.continuation.value.slice(1));
    const calls = real.calls.next;
    m.setSetting('temperature', 0.3);
    expect(real.calls.next).toBe(calls); // sliders reshape, the model is not asked again
  });

  test('switching back to the built-in model re-tokenizes with its ids', async () => {
    const { m, realModel, real, builtIn } = await setup();
    realModel.value = real.choice;
    await m.chooseEngine('real');
    await m.step('greedy');
    const before = builtIn.calls.next;
    await m.chooseEngine('builtin');
    expect(m.engineChoice.value).toEqual({ kind: 'builtin' });
    expect(m.prompt.value).toBe('abcd');
    expect(m.promptIds.value).toEqual([0, 1, 2, 3]);
    expect(m.rows.value[0]).toMatchObject({ id: 4, text: 'e' });
    expect(builtIn.calls.next).toBeGreaterThan(before);
    expect(m.url.value.engine).toBeUndefined();
    expect(m.engineNote.value).toMatchObject({ reason: 'chosen', to: { kind: 'builtin' } });
  });

  test('when the panel frees the real model, the playground falls back and says why', async () => {
    const { m, realModel, real } = await setup();
    realModel.value = real.choice;
    await m.chooseEngine('real');
    realModel.value = null;
    await settle(m);
    expect(m.engineChoice.value).toEqual({ kind: 'builtin' });
    expect(m.engineNote.value?.reason).toBe('unloaded');
    expect(m.promptIds.value).toEqual([0, 1, 2]);
  });

  test('when the panel loads another model, the playground follows it', async () => {
    const { m, realModel, real } = await setup();
    realModel.value = real.choice;
    await m.chooseEngine('real');
    const other = createRealFake();
    realModel.value = { ...other.choice, key: 'phi-2', name: 'phi-2' };
    await settle(m);
    expect(m.engineChoice.value).toEqual({ kind: 'real', key: 'phi-2', name: 'phi-2' });
    expect(m.engineNote.value?.reason).toBe('replaced');
    expect(other.calls.next).toBeGreaterThan(0);
  });

  test('a real model that is no longer loaded is not reloaded by the playground', async () => {
    const { m, realModel, real } = await setup();
    realModel.value = real.choice;
    real.unload();
    await m.chooseEngine('real');
    expect(m.engineChoice.value).toEqual({ kind: 'builtin' });
    expect(m.engineNote.value?.reason).toBe('unloaded');
    expect(real.calls.load).toBe(0);
  });

  test('a shared link made with a real model falls back to the built-in one, then replays with that model', async () => {
    const shared = { prompt: 'ab', settings: { ...DEFAULT_SETTINGS, topK: 3 }, seed: 5, path: [2 + SHIFT, 3 + SHIFT], engine: 'phi-1_5' };
    const { m, realModel, real } = await setup(shared);
    expect(m.engineChoice.value).toEqual({ kind: 'builtin' });
    expect(m.engineNote.value).toMatchObject({ reason: 'shared-real-missing', sharedModel: 'phi-1_5' });
    // The other model's ids are not applied to the built-in model.
    expect(m.path.value).toEqual([]);
    expect(m.prompt.value).toBe('ab');
    expect(m.settings.value.topK).toBe(3);
    realModel.value = real.choice;
    await m.chooseEngine('real');
    expect(m.engineNote.value?.reason).toBe('shared-replayed');
    expect(m.path.value).toEqual([2 + SHIFT, 3 + SHIFT]);
    expect(m.continuation.value).toBe('cd');
    expect(m.url.value).toEqual(shared);
  });

  test('a quick second switch wins over the first', async () => {
    const { m, realModel, real } = await setup();
    realModel.value = real.choice;
    const first = m.chooseEngine('real');
    const second = m.chooseEngine('builtin');
    await Promise.all([first, second]);
    expect(m.engineChoice.value).toEqual({ kind: 'builtin' });
    expect(m.status.value).toBe('ready');
    expect(m.promptIds.value).toEqual([0, 1, 2]);
  });
});
