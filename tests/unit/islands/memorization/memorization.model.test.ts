import { describe, expect, it } from 'vitest';
import { createMemorizationModel } from '../../../../src/islands/memorization/memorization.model.ts';
import { createFakeEngine } from '../fake-engine.ts';

const manifest = {
  sections: [
    { id: 'c1', kind: 'canary', language: 'en', repetitions: 1, example: 'abcdefghij abcdefghij' },
    { id: 'c8', kind: 'canary', language: 'en', repetitions: 8, example: 'bcdefghij abcdefghij a' },
  ],
};

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('memorization model', () => {
  it('a "measure" click before the corpus list and model list arrive still measures every canary on every model', async () => {
    const man = deferred<unknown>();
    const index = deferred<{ id: string; dtype: string; params: number }[]>();
    const model = createMemorizationModel({
      engine: async () => createFakeEngine().engine,
      manifest: () => man.promise,
      modelIndex: () => index.promise,
      evalJson: async () => null,
      defaultModelId: 'small',
    });
    const run = model.measureAll();
    man.resolve(manifest);
    index.resolve([
      { id: 'small', dtype: 'F32', params: 10 },
      { id: 'large', dtype: 'F32', params: 100 },
    ]);
    await run;
    expect(model.error.value).toBeNull();
    expect(model.tableSource.value).toBe('browser');
    expect([...model.table.value.keys()]).toEqual(['small', 'large']);
    for (const rows of model.table.value.values()) expect(rows.map((r) => r.repetitions)).toEqual([1, 8]);
  });
});
