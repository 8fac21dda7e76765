/**
 * The same messages once zod's English locale is loaded in the process (full `zod` loads it; in a
 * page, any code that imports full zod would): parseWith's words must not depend on it.
 */
import * as zod from 'zod';
import { expect, test } from 'vitest';
import { evalFileSchema, gpt2ConfigFileSchema, parseWith } from '../../../../src/lib/data/schemas.ts';

test('with zod’s English locale loaded, a wrong field still reads "<file>: <field>: expected <type>"', () => {
  zod.config(zod.locales.en());
  const bad = { model: 'tiny-m', memorization: [{ repeats: 1, n: '4', correct: 1, rate: 0.25 }] };
  expect(() => parseWith(evalFileSchema, bad, 'tiny-m/eval.json')).toThrow(/^tiny-m\/eval\.json: memorization\[0\]\.n: expected number$/);
  // A schema's own words still win.
  expect(() => parseWith(gpt2ConfigFileSchema, { model_type: 'gpt2', vocab_size: 8, n_positions: 8, n_embd: -1, n_layer: 1, n_head: 1 }, 'config.json')).toThrow(
    'config.json: n_embd must be a positive integer',
  );
});
