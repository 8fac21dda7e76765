import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { openCodingModel } from '../../../../src/cli/_coding.ts';
import { compressBytes, decompressBytes } from '../../../../src/lib/coding/text-compressor.ts';
import { corpusPassages, NEW_PASSAGES } from '../../../../src/lib/data/passages.ts';

// The committed default model; the coder's logic is covered with fake models elsewhere.
const hasModel = existsSync('public/models/tiny-m/model.safetensors') && existsSync('public/models/index.json');

describe.skipIf(!hasModel)('arithmetic coding with the built-in model tiny-m', () => {
  const manifest = JSON.parse(readFileSync('public/corpus/manifest.json', 'utf8'));
  const training = corpusPassages(manifest, ['passage']).find((p) => p.language === 'en')!;

  test('round-trips a training passage, a new one, and edge cases byte for byte', async () => {
    const model = await openCodingModel('tiny-m');
    for (const text of [training.text, NEW_PASSAGES.zh.text, '', '巴', '🤖\uFEFF']) {
      const bytes = new TextEncoder().encode(text);
      const { file } = await compressBytes(bytes, model);
      expect(await decompressBytes(file, model)).toEqual(bytes);
    }
  });

  test('text the corpus repeats costs far fewer bits per byte than new text, and beats gzip', async () => {
    const model = await openCodingModel('tiny-m');
    const seen = await compressBytes(training.text, model);
    const fresh = await compressBytes(NEW_PASSAGES.en.text, model);
    const bpb = (r: typeof seen) => r.modelBits / r.inputBytes;
    expect(bpb(seen) * 3).toBeLessThan(bpb(fresh));
    expect(seen.file.length).toBeLessThan(gzipSync(new TextEncoder().encode(training.text), { level: 9 }).length);
  });
});
