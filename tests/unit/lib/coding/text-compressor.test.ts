import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compressBytes, decompressBytes, readCompressedHeader } from '../../../../src/lib/coding/text-compressor.ts';
import { CompressedFormatError } from '../../../../src/lib/coding/container.ts';
import { crc32 } from '../../../../src/lib/coding/crc32.ts';
import { byteBigramModel } from './fake-model.ts';

const model = byteBigramModel();
const utf8 = (s: string) => new TextEncoder().encode(s);

async function roundTrip(bytes: Uint8Array) {
  const result = await compressBytes(bytes, model);
  return { result, back: await decompressBytes(result.file, model) };
}

describe('compressBytes / decompressBytes', () => {
  test('round-trips byte for byte any Unicode text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 60 }), async (s) => {
        const { result, back } = await roundTrip(utf8(s));
        expect(result.mode).toBe('model');
        expect(back).toEqual(utf8(s));
      }),
      { numRuns: 150 },
    );
  });

  test('round-trips the empty file, one character, one CJK character and a BOM', async () => {
    for (const s of ['', 'a', '巴', '\uFEFFhello', '🤖']) {
      const { result, back } = await roundTrip(utf8(s));
      expect(back).toEqual(utf8(s));
      expect(readCompressedHeader(result.file).header.count).toBe(utf8(s).length);
    }
  });

  test('round-trips bytes that are not UTF-8 by storing them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        const { back } = await roundTrip(bytes);
        expect(back).toEqual(bytes);
      }),
      { numRuns: 150 },
    );
    const { result } = await roundTrip(Uint8Array.of(0xff, 0xfe, 0x80));
    expect(result.mode).toBe('stored');
  });

  test('text the model predicts well shrinks, and the payload is close to its bits under the model', async () => {
    const text = 'the cat sat on the mat. '.repeat(40);
    const { result } = await roundTrip(utf8(text));
    const payloadBits = (result.file.length - result.headerBytes) * 8;
    expect(result.file.length).toBeLessThan(text.length / 4);
    expect(payloadBits).toBeGreaterThanOrEqual(result.modelBits - 1);
    expect(payloadBits).toBeLessThan(result.modelBits * 1.02 + 16);
  });

  test('refuses a file made with another model, and a damaged one', async () => {
    const { file } = await compressBytes('法国的首都是巴黎', model);
    await expect(decompressBytes(file, byteBigramModel('other'))).rejects.toThrow(/compressed with model "fake-bytes", not "other"/);
    const damaged = file.slice();
    damaged[damaged.length - 1]! ^= 0x55;
    await expect(decompressBytes(damaged, model)).rejects.toThrow(CompressedFormatError);
    await expect(decompressBytes(utf8('hello'), model)).rejects.toThrow(/does not start with "LMAC"/);
    await expect(decompressBytes(file.subarray(0, 6), model)).rejects.toThrow(/truncated/);
  });

  test('crc32 matches the standard check value', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
  });
});
