import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readJson } from '../../../src/components/read-json.ts';
import { largeCorpusManifestSchema, modelIndexSchema } from '../../../src/lib/data/schemas.ts';

const dir = mkdtempSync(join(tmpdir(), 'read-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readJson', () => {
  test('reads the committed files the components read, through their schemas', () => {
    expect(readJson('public/models/index.json', modelIndexSchema).some((m) => m.default)).toBe(true);
    expect(readJson('public/corpus/large/manifest.json', largeCorpusManifestSchema).sections.length).toBeGreaterThan(1);
  });

  test('a drifted file fails with its path and the field; a broken one with its path', () => {
    const drifted = join(dir, 'index.json');
    writeFileSync(drifted, JSON.stringify([{ id: 'x', params: '12', dtype: 'F32', bytes: 1 }]));
    expect(() => readJson(drifted, modelIndexSchema)).toThrow(/index\.json: \[0\]\.params/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"id": ');
    expect(() => readJson(broken, modelIndexSchema)).toThrow(/broken\.json: /);
  });
});
