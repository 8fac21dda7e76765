import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli.ts';
import { SMALL, writeFixtureModel } from '../../fixtures/tiny-gpt.ts';

let dir: string;
let previous: string | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'compress-'));
  const { bytes, params } = writeFixtureModel(dir, 'fx', SMALL, 'F32', 5);
  writeFixtureModel(dir, 'fy', SMALL, 'F32', 6);
  writeFileSync(join(dir, 'index.json'), JSON.stringify([
    { id: 'fx', params, dtype: 'F32', bytes, default: true },
    { id: 'fy', params, dtype: 'F32', bytes },
  ]));
  previous = process.env.TINYLM_MODELS_DIR;
  process.env.TINYLM_MODELS_DIR = dir;
});
afterAll(() => {
  if (previous === undefined) delete process.env.TINYLM_MODELS_DIR;
  else process.env.TINYLM_MODELS_DIR = previous;
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err, json: out ? JSON.parse(out) : undefined };
}

describe('cli compress / decompress', () => {
  // The fixture's context is 16 tokens, so the longer texts cross several window restarts.
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['one character', new TextEncoder().encode('a')],
    ['one CJK character', new TextEncoder().encode('巴')],
    ['Chinese and English', new TextEncoder().encode('法国的首都是巴黎。The capital of France is Paris.\n'.repeat(3))],
    ['not UTF-8', Uint8Array.of(0xc3, 0x28, 0xff, 0x00)],
  ];
  for (const [label, bytes] of cases) {
    test(`round-trips byte for byte: ${label}`, async () => {
      const input = join(dir, `${label}.txt`);
      const packed = join(dir, `${label}.lmac`);
      const back = join(dir, `${label}.out`);
      writeFileSync(input, bytes);
      const c = await cli('compress', '--model', 'fx', input, packed);
      expect(c.err).toBe('');
      expect(c.json.input_bytes).toBe(bytes.length);
      expect(c.json.output_bytes).toBe(readFileSync(packed).length);
      const d = await cli('decompress', '--model', 'fx', packed, back);
      expect(d.err).toBe('');
      expect(new Uint8Array(readFileSync(back))).toEqual(bytes);
    });
  }

  test('decompressing with another model is refused with one error line', async () => {
    const input = join(dir, 'x.txt');
    writeFileSync(input, 'hello');
    await cli('compress', '--model', 'fx', input, join(dir, 'x.lmac'));
    const d = await cli('decompress', '--model', 'fy', join(dir, 'x.lmac'), join(dir, 'x.out'));
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/^error: .*compressed with model "fx", not "fy"\n$/);
  });

  test('bad arguments are usage errors', async () => {
    // Its own input: the test must not depend on files another test wrote (order is not guaranteed).
    writeFileSync(join(dir, 'args.txt'), 'x');
    expect((await cli('compress', 'a', 'b')).err).toMatch(/^error: --model is required/);
    expect((await cli('compress', '--model', 'fx', join(dir, 'missing.txt'), join(dir, 'o'))).err).toMatch(/cannot read .*ENOENT/);
    expect((await cli('compress', '--model', 'nope', join(dir, 'args.txt'), join(dir, 'o'))).err).toMatch(/unknown model "nope"/);
  });
});
