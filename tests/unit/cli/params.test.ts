import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../../src/cli.ts';
import { findPreset } from '../../../src/lib/calc/presets.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'params-'));
});

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['params', ...args], (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

async function file(name: string, body: string) {
  const path = join(dir, name);
  await writeFile(path, body);
  return path;
}

describe('cli params', () => {
  test('prints total, embedding and active for Llama-3-8B (--json accepted)', async () => {
    const path = await file('llama3.json', JSON.stringify(findPreset('llama-3-8b')!.config));
    const r = await cli(path, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ total: 8_030_261_248, embedding: 525_336_576, active: null });
  });
  test('active is the per-token count for Mixtral', async () => {
    const path = await file('mixtral.json', JSON.stringify(findPreset('mixtral-8x7b-v0.1')!.config));
    const r = await cli(path);
    const json = JSON.parse(r.out);
    expect(json.active).toBeLessThan(json.total);
    expect(Math.round(json.active / 1e8) / 10).toBe(12.9);
  });
  test('a bad config is one error line naming the field', async () => {
    const path = await file('bad.json', JSON.stringify({ model_type: 'llama', hidden_size: 4096 }));
    const r = await cli(path);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: .*"num_attention_heads".*\n$/);
  });
  test('unreadable files, invalid JSON and missing arguments are usage errors', async () => {
    for (const args of [[join(dir, 'none.json')], [await file('broken.json', '{')], []]) {
      const r = await cli(...args);
      expect(r.code).toBe(1);
      expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.err).toMatch(/^error: /);
    }
  });
});
