import { describe, expect, test } from 'vitest';
import type { Engine } from '../../../../src/lib/engine/types.ts';
import { createLocalTinyLm } from '../../../../src/lib/tinylm/engine.ts';
import { createXRayModel, topKeys } from '../../../../src/islands/xray/xray.model.ts';
import { fixtureFiles, memorySource, SMALL } from '../../../fixtures/tiny-gpt.ts';
import { createFakeEngine } from '../fake-engine.ts';

const files = fixtureFiles(SMALL, 'F32', 2);

/** The real engine on the fixture model, counting traces. */
function counted() {
  const engine = createLocalTinyLm('fx', memorySource(files));
  const calls: number[][] = [];
  const wrapped: Engine = {
    ...engine,
    trace: (ids, o) => {
      calls.push(ids);
      return engine.trace(ids, o);
    },
  };
  return { engine: wrapped, calls };
}

async function until(cond: () => boolean) {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
}

describe('createXRayModel', () => {
  test('start traces the prompt and selects the last position, whose final softmax is the lens\'s last layer', async () => {
    const { engine } = counted();
    const m = createXRayModel({ engine: async () => engine }, { prompt: 'the hat', modelId: 'fx' });
    await m.start();
    const tr = m.trace.value!;
    expect(m.status.value).toBe('ready');
    expect(tr.tokens.join('')).toBe('the hat');
    expect(m.selected.value).toBe(tr.ids.length - 1);
    const last = tr.lens[tr.nLayer]!.at(-1)!;
    expect(m.finalCandidates.value.map((c) => c.id)).toEqual(last.map((c) => c.id));
    m.finalCandidates.value.forEach((c, i) => expect(c.prob).toBeCloseTo(last[i]!.prob, 6));
    m.setTemperature(0);
    expect(m.finalCandidates.value.map((c) => c.prob)).toEqual([1, ...new Array(last.length - 1).fill(0)]);
    m.setTemperature(2);
    expect(m.finalCandidates.value[0]!.prob).toBeLessThan(last[0]!.prob);
  });

  test('selecting a token moves every step to that position; the selection survives an edit unless it was the last', async () => {
    const { engine } = counted();
    const m = createXRayModel({ engine: async () => engine }, { prompt: 'the cat', modelId: 'fx' });
    await m.start();
    m.select(1);
    expect(m.selected.value).toBe(1);
    m.select(99);
    expect(m.selected.value).toBe(m.trace.value!.ids.length - 1);
    m.select(0);
    m.editPrompt('the cat sat');
    await until(() => m.tracedPrompt.value === 'the cat sat');
    expect(m.selected.value).toBe(0);
    m.select(99);
    m.editPrompt('the cat sat on');
    await until(() => m.tracedPrompt.value === 'the cat sat on');
    expect(m.selected.value).toBe(m.trace.value!.ids.length - 1);
  });

  test('lists the models only once started (never while the server renders the island)', async () => {
    const { engine } = counted();
    let asked = 0;
    const modelIndex = async () => {
      asked++;
      return [{ id: 'fx', dtype: 'F32', params: 1 }, { id: 'fx-q4', dtype: 'q4-g32', params: 1 }];
    };
    const m = createXRayModel({ engine: async () => engine, modelIndex }, { prompt: 'x', modelId: 'fx' });
    expect(asked).toBe(0);
    await m.start();
    await m.start();
    expect(asked).toBe(1);
    expect(m.models.value.map((x) => x.id)).toEqual(['fx', 'fx-q4']);
  });

  test('edits while a trace runs fold into one more trace of the latest text', async () => {
    const { engine, calls } = counted();
    const m = createXRayModel({ engine: async () => engine }, { prompt: 'a', modelId: 'fx' });
    const first = m.start();
    for (const text of ['ab', 'abc', 'abcd', 'abcde']) m.editPrompt(text);
    await first;
    await until(() => m.tracedPrompt.value === 'abcde');
    expect(calls.length).toBeLessThanOrEqual(2);
    expect(m.trace.value!.tokens.join('')).toBe('abcde');
  });

  test('an empty text clears the picture; an engine without trace says so', async () => {
    const { engine } = counted();
    const m = createXRayModel({ engine: async () => engine }, { prompt: 'x', modelId: 'fx' });
    await m.start();
    m.editPrompt('');
    await until(() => m.tracedPrompt.value === '');
    expect(m.trace.value).toBeNull();
    const { engine: noTrace } = createFakeEngine();
    const n = createXRayModel({ engine: async () => noTrace }, { prompt: 'x', modelId: 'fake' });
    await n.start();
    expect(n.error.value).toBe('noTrace');
  });

  test('text beyond the context: only the last contextLength tokens are traced, and the rest is counted', async () => {
    const { engine, calls } = counted();
    const m = createXRayModel({ engine: async () => engine }, { prompt: 'x'.repeat(SMALL.contextLength + 5), modelId: 'fx' });
    await m.start();
    expect(calls[0]).toHaveLength(SMALL.contextLength);
    expect(m.dropped.value).toBe(5);
  });
});

describe('topKeys', () => {
  test('the heaviest keys up to the query, heaviest first', () => {
    expect(topKeys([0.1, 0.6, 0.3, 0.9], 2, 2)).toEqual([{ key: 1, weight: 0.6 }, { key: 2, weight: 0.3 }]);
  });
});
