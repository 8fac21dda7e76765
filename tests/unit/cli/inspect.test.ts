import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli.ts';
import { serializeSafetensors } from '../../../src/lib/safetensors/write.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inspect-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('cli inspect', () => {
  test('prints every tensor and the total parameter count (design.md contract)', async () => {
    const file = join(dir, 'tiny.safetensors');
    await writeFile(
      file,
      serializeSafetensors(
        [
          { name: 'wte.weight', dtype: 'F32', shape: [10, 4], data: new Float32Array(40) },
          { name: 'ln_f.bias', dtype: 'F16', shape: [4], data: new Uint16Array(4) },
        ],
        { format: 'pt' },
      ),
    );
    const { code, out } = await cli('inspect', file);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.tensors).toEqual([
      { name: 'wte.weight', dtype: 'F32', shape: [10, 4], data_offsets: [0, 160] },
      { name: 'ln_f.bias', dtype: 'F16', shape: [4], data_offsets: [160, 168] },
    ]);
    expect(json.total_params).toBe(44);
    expect(json.metadata).toEqual({ format: 'pt' });
  });

  test('a file that is not safetensors is one error line, not a stack trace', async () => {
    const file = join(dir, 'text.safetensors');
    await writeFile(file, 'hello, this is not a weights file');
    const { code, out, err } = await cli('inspect', file);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^error: .*not a valid safetensors file: header length .* limit/);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  test('a missing file or missing argument is a usage error', async () => {
    expect((await cli('inspect', join(dir, 'nope.safetensors'))).err).toMatch(/^error: cannot open .*ENOENT/);
    expect((await cli('inspect')).err).toMatch(/^error: usage: inspect/);
  });
});
