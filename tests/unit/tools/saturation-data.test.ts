import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadTokenizer } from '../../../src/lib/tokenizer/tokenizer.ts';
import { worldText } from '../../../src/lib/world/world.ts';
import { saturationWorld } from '../../../src/lib/world/saturation.ts';
import { uint16Bytes, writeSaturationData } from '../../../src/tools/saturation-data.ts';

const tokenizer = loadTokenizer(JSON.parse(readFileSync('public/models/tokenizer.json', 'utf8')) as object);
const dir = mkdtempSync(join(tmpdir(), 'saturation-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('uint16Bytes', () => {
  test('writes little-endian ids and refuses one that does not fit', () => {
    expect([...uint16Bytes([1, 258, 65535])]).toEqual([1, 0, 2, 1, 255, 255]);
    expect(() => uint16Bytes([65536])).toThrow(/uint16/);
    expect(() => uint16Bytes([-1])).toThrow(/uint16/);
  });
});

describe('writeSaturationData', () => {
  test('each world\'s token file holds exactly our tokenizer\'s ids of its text, and the manifest points to it', () => {
    const m = writeSaturationData(dir, (t) => tokenizer.encode(t), tokenizer.vocabSize, [3, 6]);
    expect(m.worlds.map((w) => w.people)).toEqual([3, 6]);
    for (const w of m.worlds) {
      const bytes = readFileSync(join(dir, w.tokens));
      const ids = Array.from({ length: bytes.length / 2 }, (_, i) => bytes.readUInt16LE(i * 2));
      expect(ids).toEqual(tokenizer.encode(worldText(saturationWorld(w.people))));
      expect(w.corpusTokens).toBe(ids.length);
    }
    const onDisk = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(onDisk).toEqual(m);
    expect(m.jobs.every((j) => m.worlds.some((w) => w.tokens === j.tokens && w.corpusTokens === j.corpusTokens))).toBe(true);
    // Written through temporary files and renames: none is left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
