import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  corpusManifestSchema,
  evalFileSchema,
  gpt2ConfigFileSchema,
  modelIndexSchema,
  parseWith,
  tokenizerJsonSchema,
  trainLogSchema,
} from '../../../../src/lib/data/schemas.ts';
import { fetchJson } from '../../../../src/lib/fetch-json.ts';

const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('schemas of the JSON files the site ships', () => {
  test('every shipped file parses: index.json, and each model’s eval, config, train log and tokenizer', () => {
    const index = parseWith(modelIndexSchema, read('public/models/index.json'), 'index.json');
    expect(index.length).toBeGreaterThan(0);
    expect(index.filter((m) => m.default)).toHaveLength(1);
    for (const m of index) {
      const dir = `public/models/${m.id}`;
      expect(parseWith(evalFileSchema, read(`${dir}/eval.json`), `${dir}/eval.json`).model).toBe(m.id);
      parseWith(gpt2ConfigFileSchema, read(`${dir}/config.json`), `${dir}/config.json`);
      parseWith(tokenizerJsonSchema, read(`${dir}/tokenizer.json`), `${dir}/tokenizer.json`);
      if (existsSync(`${dir}/train-log.json`)) parseWith(trainLogSchema, read(`${dir}/train-log.json`), `${dir}/train-log.json`);
    }
    parseWith(tokenizerJsonSchema, read('public/models/tokenizer.json'), 'tokenizer.json');
    const manifest = parseWith(corpusManifestSchema, read('public/corpus/manifest.json'), 'manifest.json');
    expect(manifest.sections.length).toBeGreaterThan(0);
  });

  test('a file with a wrong field fails naming the file and the field', () => {
    const bad = { model: 'tiny-m', memorization: [{ repeats: 1, n: '4', correct: 1, rate: 0.25 }] };
    expect(() => parseWith(evalFileSchema, bad, 'tiny-m/eval.json')).toThrow('tiny-m/eval.json: memorization[0].n: expected number');
    expect(() => parseWith(modelIndexSchema, [{ id: '', params: 1, dtype: 'F32', bytes: 1 }], 'index.json')).toThrow('index.json: [0].id');
    expect(() => parseWith(corpusManifestSchema, {}, 'manifest.json')).toThrow(/manifest\.json: file: expected string/);
  });

  test('fields the tools add later pass through', () => {
    const entry = parseWith(modelIndexSchema, [{ id: 'x', params: 1, dtype: 'F32', bytes: 2, note: 'new' }], 'index.json')[0]!;
    expect(entry).toMatchObject({ id: 'x', note: 'new' });
  });
});

describe('fetchJson', () => {
  const respond = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status });

  test('resolves with the checked value', async () => {
    const index = await fetchJson('/m/index.json', modelIndexSchema, respond(200, [{ id: 'a', params: 1, dtype: 'F32', bytes: 4 }]));
    expect(index[0]!.id).toBe('a');
  });

  test('rejects with the URL and the status, or the URL and the wrong field', async () => {
    await expect(fetchJson('/m/index.json', modelIndexSchema, respond(404, {}))).rejects.toThrow('/m/index.json: HTTP 404');
    await expect(fetchJson('/m/index.json', modelIndexSchema, respond(200, { models: [] }))).rejects.toThrow('/m/index.json: the file: expected array');
  });
});
