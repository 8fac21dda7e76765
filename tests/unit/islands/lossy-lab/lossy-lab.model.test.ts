import { describe, expect, test } from 'vitest';
import { createLossyLabModel } from '../../../../src/islands/lossy-lab/lossy-lab.model.ts';
import type { Engine } from '../../../../src/lib/engine/types.ts';
import { createFakeEngine } from '../fake-engine.ts';

const index = [
  { id: 'tiny-s', params: 1, dtype: 'F32', bytes: 10 },
  { id: 'tiny-l', params: 3, dtype: 'F32', bytes: 30 },
  { id: 'rich-s', params: 1, dtype: 'F32', bytes: 10 },
  { id: 'rich-l', params: 3, dtype: 'F32', bytes: 30 },
];

/** A fake engine whose logits are sharpened by a factor of its own, so every model predicts differently. */
function engineFor(id: string, tokenized: string[]): Engine {
  const { engine } = createFakeEngine({ contextLength: 8 });
  const factor = { 'tiny-s': 0.5, 'tiny-l': 1, 'rich-s': 2, 'rich-l': 3 }[id] ?? 1;
  return {
    ...engine,
    async tokenize(text: string) {
      tokenized.push(text);
      return engine.tokenize(text);
    },
    async nextTokenDistribution(ids: number[]) {
      const d = await engine.nextTokenDistribution(ids);
      const logits = d.logits.map((l) => l * factor);
      const max = logits[0]!;
      const lse = max + Math.log(logits.reduce((s, l) => s + Math.exp(l - max), 0));
      return { ids: d.ids, logits, logSumExp: lse };
    },
  };
}

async function settle(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('measureDivergence', () => {
  test('measures each regime against its own largest model, on the training text', async () => {
    const tokenized: string[] = [];
    const model = createLossyLabModel({
      modelIndex: async () => index,
      evalJson: async () => ({}),
      engine: async (id) => engineFor(id, tokenized),
      trainingText: async () => 'abcdefghij abcdefghij',
    });
    await settle(() => model.models.value !== null);
    expect([...model.references.value.values()].map((m) => m.id)).toEqual(['tiny-l', 'rich-l']);
    await model.measureDivergence();
    const by = new Map(model.models.value!.map((m) => [m.id, m.divergence]));
    // Each reference is 0 from itself; with one reference for all, rich-l would differ from tiny-l.
    expect(by.get('tiny-l')).toBe(0);
    expect(by.get('rich-l')).toBe(0);
    expect(by.get('tiny-s')).toBeGreaterThan(0);
    expect(by.get('rich-s')).toBeGreaterThan(0);
    expect(model.divergencePhase.value).toBe('done');
    expect(tokenized.every((t) => t === 'abcdefghij abcdefghij')).toBe(true);
  });

  test('a corpus that cannot be read is reported, and the table stays', async () => {
    const model = createLossyLabModel({
      modelIndex: async () => index,
      evalJson: async () => ({}),
      engine: async (id) => engineFor(id, []),
      trainingText: async () => {
        throw new Error('corpus/corpus.txt: HTTP 404');
      },
    });
    await settle(() => model.models.value !== null);
    await model.measureDivergence();
    expect(model.divergencePhase.value).toBe('error');
    expect(model.modelsError.value).toContain('corpus.txt');
    expect(model.models.value).toHaveLength(4);
  });
});
