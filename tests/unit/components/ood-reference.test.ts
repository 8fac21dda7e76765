import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { readOodReference } from '../../../src/components/ood-reference.ts';
import { DEFAULT_MODEL_ID } from '../../../src/lib/default-model.ts';

test('the warning\'s reference is the committed eval.json of the model the widget runs (the default when unset)', () => {
  const def = readOodReference(undefined)!;
  const e = JSON.parse(readFileSync(`public/models/${DEFAULT_MODEL_ID}/eval.json`, 'utf8'));
  expect(def).toEqual({ model: DEFAULT_MODEL_ID, train: e.bitsPerByte.train, unseen: e.bitsPerByte.unseen });
  // The memorizer pays far more on unseen text than the data-rich default: its threshold is higher.
  expect(readOodReference('tiny-m')!.unseen).toBeGreaterThan(def.unseen);
  expect(readOodReference('no-such-model')).toBeNull();
});
