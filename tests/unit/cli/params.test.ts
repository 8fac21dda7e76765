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

describe('cli params follows each architecture\'s transformers defaults and counts exactly (#17 point 6)', () => {
  const qwen3 = () => ({ ...(findPreset('qwen3-0.6b-base')!.config as Record<string, unknown>) });
  test('Qwen3 without head_dim uses Qwen3Config\'s 128, not hidden / heads', async () => {
    const withHeadDim = JSON.parse((await cli(await file('q3.json', JSON.stringify(qwen3())))).out);
    const c = qwen3();
    delete c.head_dim;
    const without = JSON.parse((await cli(await file('q3-no-head-dim.json', JSON.stringify(c)))).out);
    expect(without).toEqual(withHeadDim);
  });
  test('GPT-2 ignores a stray head_dim, as GPT2Attention does', async () => {
    const gpt2 = findPreset('gpt2')!.config as Record<string, unknown>;
    const r = JSON.parse((await cli(await file('gpt2-head-dim.json', JSON.stringify({ ...gpt2, head_dim: 7 })))).out);
    expect(r.total).toBe(124_439_808);
  });
  test('Mixtral with one expert keeps its router (hidden × experts per layer) and reports active', async () => {
    const mixtral = findPreset('mixtral-8x7b-v0.1')!.config as Record<string, unknown>;
    const one = JSON.parse((await cli(await file('mixtral-1.json', JSON.stringify({ ...mixtral, num_local_experts: 1, num_experts_per_tok: 1 })))).out);
    const h = 4096, i = 14336, L = 32;
    const eight = JSON.parse((await cli(await file('mixtral-8.json', JSON.stringify(mixtral)))).out);
    expect(eight.total - one.total).toBe(L * (7 * 3 * h * i + 7 * h));
    expect(one.active).toBe(one.total);
  });
  test('totals above 2^53 print as exact integers', async () => {
    const huge = { model_type: 'llama', vocab_size: 9_999_999, hidden_size: 9_999_999, intermediate_size: 9_999_999, num_hidden_layers: 9_999_999, num_attention_heads: 9_999_999 };
    const r = await cli(await file('huge.json', JSON.stringify(huge)));
    expect(r.code).toBe(0);
    const total = /"total":(\d+)/.exec(r.out)![1]!;
    const n = 9_999_999n;
    // embedding + head, 4 h² attention + 3 h·i MLP + 2 h norms per layer, final norm.
    expect(BigInt(total)).toBe(2n * n * n + n * (4n * n * n + 3n * n * n + 2n * n) + n);
  });
});
