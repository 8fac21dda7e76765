import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compressBytes, decompressBytes, readCompressedHeader } from '../../../../src/lib/coding/text-compressor.ts';
import { CompressedFormatError, writeContainer } from '../../../../src/lib/coding/container.ts';
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
        expect(back).toEqual(utf8(s));
        // Model-coded unless the model would expand the text, then stored: never much larger.
        expect(result.file.length).toBeLessThanOrEqual(utf8(s).length + result.headerBytes);
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

describe('compressBytes never expands much, decompressBytes never runs away', () => {
  test('input the model would expand (3,000 zero bytes) is stored: output = input + header', async () => {
    // A model that finds zero bytes very unlikely: coding them costs far more than 8 bits each.
    const pessimist = { ...model, probabilities: () => { const p = new Float32Array(256).fill(1); p[0] = 1e-6; return p; } };
    const zeros = new Uint8Array(3000);
    const result = await compressBytes(zeros, pessimist);
    expect(result.mode).toBe('stored');
    expect(result.file.length).toBe(zeros.length + result.headerBytes);
    expect(await decompressBytes(result.file, pessimist)).toEqual(zeros);
  });

  test('a header claiming more tokens than its payload can hold is refused before decoding', async () => {
    const { file } = await compressBytes('hello '.repeat(50), model);
    const { header, payload } = readCompressedHeader(file);
    expect(header.mode).toBe('model');
    const hostile = writeContainer({ ...header, count: 2 ** 40 }, payload);
    let calls = 0;
    const counting = { ...model, probabilities: (p: readonly number[]) => { calls++; return model.probabilities(p); } };
    await expect(decompressBytes(hostile, counting)).rejects.toThrow(/claims 1099511627776 tokens.*at most/);
    expect(calls).toBe(1);
  });
});
