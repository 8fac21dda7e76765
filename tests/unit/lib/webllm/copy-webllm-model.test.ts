import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const script = join(process.cwd(), 'scripts/copy-webllm-model.mjs');

/** A local model folder shaped like a clone of mlc-ai/phi-1_5-q4f32_1-MLC, with tiny shards. */
function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'webllm-copy-'));
  const from = join(dir, 'repo');
  const libs = join(dir, 'libs');
  mkdirSync(from);
  mkdirSync(libs);
  writeFileSync(join(from, 'mlc-chat-config.json'), JSON.stringify({ tokenizer_files: ['tokenizer.json'] }));
  writeFileSync(join(from, 'tokenizer.json'), '{}');
  writeFileSync(join(from, 'params_shard_0.bin'), Buffer.alloc(1000, 1));
  writeFileSync(
    join(from, 'tensor-cache.json'),
    JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin', nbytes: 1000 }] }),
  );
  writeFileSync(join(libs, 'phi-1_5-q4f32_1_cs1k-webgpu.wasm'), 'wasm');
  return { dir, from, libs, out: join(dir, 'upload') };
}

const run = (...args: string[]) =>
  execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('copy-webllm-model', () => {
  test('writes the layout WebLLM reads: models/<repo>/resolve/main/… and libs/<library>', () => {
    const f = fixture();
    const summary = JSON.parse(run('phi-1_5-q4f32_1-MLC', f.out, '--from', f.from, '--lib-from', f.libs));
    const main = join(f.out, 'models/phi-1_5-q4f32_1-MLC/resolve/main');
    for (const name of ['mlc-chat-config.json', 'tokenizer.json', 'tensor-cache.json', 'params_shard_0.bin']) {
      expect(existsSync(join(main, name)), name).toBe(true);
    }
    expect(readFileSync(join(f.out, 'libs/phi-1_5-q4f32_1_cs1k-webgpu.wasm'), 'utf8')).toBe('wasm');
    expect(summary).toMatchObject({ modelId: 'phi-1_5-q4f32_1-MLC', files: 5 });
  });

  test('refuses a shard whose size differs from the manifest, and an unknown model', () => {
    const f = fixture();
    writeFileSync(join(f.from, 'params_shard_0.bin'), Buffer.alloc(10));
    expect(() => run('phi-1_5:q4f32_1', f.out, '--from', f.from, '--lib-from', f.libs)).toThrow(/got 10 bytes, the manifest says 1000/);
    expect(() => run('phi-9', f.out)).toThrow(/unknown model "phi-9"/);
  });
});
