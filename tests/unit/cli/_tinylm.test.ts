/**
 * A broken model folder is one error line that names the file and what is wrong with it
 * (#17 point 7), never "index.find is not a function" or exit-0 garbage.
 */
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { main } from '../../../src/cli.ts';
import { encodeModel, randomTensors, SMALL, writeFixtureModel } from '../../fixtures/tiny-gpt.ts';

let dir = '';
let before: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-broken-'));
  const { bytes, params } = writeFixtureModel(dir, 'm', SMALL, 'F32', 2);
  writeFileSync(join(dir, 'index.json'), JSON.stringify([{ id: 'm', params, dtype: 'F32', bytes }]));
  before = process.env.TINYLM_MODELS_DIR;
  process.env.TINYLM_MODELS_DIR = dir;
});
afterEach(() => {
  if (before === undefined) delete process.env.TINYLM_MODELS_DIR;
  else process.env.TINYLM_MODELS_DIR = before;
  rmSync(dir, { recursive: true, force: true });
});

async function next() {
  let out = '';
  let err = '';
  const code = await main(['next', '--model', 'm', 'hi'], (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('broken model folders', () => {
  test('the fixture works as it is', async () => {
    expect((await next()).code).toBe(0);
  });

  const cases: [string, () => void, RegExp][] = [
    ['index.json is an object', () => writeFileSync(join(dir, 'index.json'), '{"id":"m"}'), /index\.json must be a JSON array of models, found an object$/],
    ['index.json is not JSON', () => writeFileSync(join(dir, 'index.json'), '[{'), /index\.json is not valid JSON \(/],
    ['an index entry without an id', () => writeFileSync(join(dir, 'index.json'), '[{"params":1}]'), /index\.json: entry 0 needs an "id" .*, found missing$/],
    ['config.json is not JSON', () => writeFileSync(join(dir, 'm/config.json'), '{'), /m\/config\.json is not valid JSON/],
    ['config.json lacks n_embd', () => writeFileSync(join(dir, 'm/config.json'), '{"model_type":"gpt2","vocab_size":280,"n_positions":16,"n_layer":2,"n_head":2}'), /m: config\.json: n_embd must be a positive integer$/],
    ['tokenizer.json is empty', () => writeFileSync(join(dir, 'm/tokenizer.json'), '{}'), /m: tokenizer\.json: /],
    ['model.safetensors is missing', () => unlinkSync(join(dir, 'm/model.safetensors')), /cannot read .*m\/model\.safetensors \(ENOENT\)$/],
    ['model.safetensors is truncated', () => writeFileSync(join(dir, 'm/model.safetensors'), 'abc'), /m: model\.safetensors: file too short/],
    ['a weight is NaN', () => {
      const tensors = randomTensors(SMALL, 2);
      tensors.find((t) => t.name === 'wte.weight')!.data[0] = Number.NaN;
      writeFileSync(join(dir, 'm/model.safetensors'), encodeModel(tensors, 'F32').file);
    }, /m: model\.safetensors: wte\.weight holds NaN at row 0, column 0: the weights are broken/],
  ];
  for (const [label, breakIt, message] of cases) {
    test(`${label}: one error line naming the file`, async () => {
      breakIt();
      const r = await next();
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err.split('\n')).toHaveLength(2);
      expect(r.err).toMatch(/^error: /);
      expect(r.err.trimEnd()).toMatch(message);
    });
  }
});
