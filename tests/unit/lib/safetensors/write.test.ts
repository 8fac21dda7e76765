import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  decodeTensor,
  encodeFloats,
  openSafetensors,
  parseHeader,
  serializeSafetensors,
  TensorEntryError,
  SafetensorsError,
} from '../../../../src/lib/safetensors/index.ts';

const ascii = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe('serializeSafetensors', () => {
  test('writes the exact bytes of the reference implementation (huggingface/safetensors test_simple.py)', () => {
    const out = serializeSafetensors([{ name: 'test', dtype: 'I32', shape: [2, 2], data: new Int32Array(4) }]);
    const expected = concat(
      Uint8Array.of(0x40, 0, 0, 0, 0, 0, 0, 0),
      ascii('{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}    '),
      new Uint8Array(16),
    );
    expect(out).toEqual(expected);
  });

  test('puts __metadata__ first and pads the header with spaces to a multiple of 8', () => {
    const out = serializeSafetensors(
      [{ name: 'test1', dtype: 'I32', shape: [2, 2], data: new Int32Array(4) }],
      { framework: 'pt' },
    );
    const header = parseHeader(out, out.length);
    expect(header.headerLength % 8).toBe(0);
    expect(new TextDecoder().decode(out.subarray(8, 8 + header.headerLength))).toBe(
      '{"__metadata__":{"framework":"pt"},"test1":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}'.padEnd(header.headerLength, ' '),
    );
    expect(header.metadata).toEqual({ framework: 'pt' });
  });

  test('sorts wide dtypes first, then names, so every tensor is aligned to its element size', () => {
    const out = serializeSafetensors([
      { name: 'b', dtype: 'U8', shape: [3], data: Uint8Array.of(1, 2, 3) },
      { name: 'z', dtype: 'F32', shape: [1], data: Float32Array.of(1) },
      { name: 'a', dtype: 'F16', shape: [1], data: encodeFloats('F16', [2]) },
      { name: 'y', dtype: 'F32', shape: [2], data: Float32Array.of(3, 4) },
    ]);
    const { tensors, dataStart } = parseHeader(out, out.length);
    expect(tensors.map((t) => t.name)).toEqual(['y', 'z', 'a', 'b']);
    for (const t of tensors) expect((dataStart + t.dataOffsets[0]) % (t.dtype === 'F32' ? 4 : t.dtype === 'F16' ? 2 : 1)).toBe(0);
  });

  test('round-trips any set of F32 tensors through parse and decode', () => {
    const tensor = fc.record({
      name: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s !== '__metadata__'),
      shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(tensor, { selector: (t) => t.name, maxLength: 6 }), fc.dictionary(fc.string(), fc.string()), (specs, metadata) => {
        const tensors = specs.map(({ name, shape }) => {
          const n = shape.reduce((a, b) => a * b, 1);
          return { name, dtype: 'F32' as const, shape, data: Float32Array.from({ length: n }, (_, i) => i * 0.5 - 1) };
        });
        const file = openSafetensors(serializeSafetensors(tensors, metadata));
        expect(file.metadata).toEqual({ ...metadata });
        expect(file.tensors.length).toBe(tensors.length);
        for (const t of tensors) {
          expect(file.info(t.name)?.shape).toEqual(t.shape);
          expect(Array.from(file.float32(t.name))).toEqual(Array.from(t.data));
        }
      }),
      { numRuns: 200 },
    );
  });

  test('keeps awkward names and metadata keys as plain keys ("__proto__", integer-like names)', () => {
    const file = openSafetensors(
      serializeSafetensors(
        [
          { name: '__proto__', dtype: 'U8', shape: [1], data: Uint8Array.of(7) },
          { name: '10', dtype: 'U8', shape: [1], data: Uint8Array.of(8) },
          { name: '2', dtype: 'U8', shape: [1], data: Uint8Array.of(9) },
        ],
        JSON.parse('{"__proto__":"x","1":"y"}') as Record<string, string>,
      ),
    );
    expect(file.tensors.map((t) => t.name)).toEqual(['10', '2', '__proto__']);
    expect(Array.from(file.float32('__proto__'))).toEqual([7]);
    expect(Object.entries(file.metadata)).toEqual([['1', 'y'], ['__proto__', 'x']]);
  });

  test('refuses data whose length does not match shape × dtype, naming the tensor', () => {
    expect(() =>
      serializeSafetensors([{ name: 'h.0.attn.c_attn.weight', dtype: 'F32', shape: [2, 3], data: new Float32Array(5) }]),
    ).toThrow(/h\.0\.attn\.c_attn\.weight.*24 bytes, data has 20/);
    expect(() =>
      serializeSafetensors([
        { name: 'a', dtype: 'U8', shape: [1], data: new Uint8Array(1) },
        { name: 'a', dtype: 'U8', shape: [1], data: new Uint8Array(1) },
      ]),
    ).toThrow(TensorEntryError);
    expect(() => serializeSafetensors([{ name: '__metadata__', dtype: 'U8', shape: [0], data: new Uint8Array(0) }])).toThrow(SafetensorsError);
  });

  test('encodeFloats stores F16 and BF16 as little-endian bits that decode back', () => {
    const values = [0, 1, -2, 0.5, 65504, 1e-3];
    const f16 = encodeFloats('F16', values);
    expect(Array.from(f16.subarray(0, 4))).toEqual([0, 0, 0x00, 0x3c]);
    const decoded = decodeTensor({ name: 'x', dtype: 'F16', shape: [6], dataOffsets: [0, 12], elements: 6 }, f16);
    expect(decoded[5]).toBeCloseTo(1e-3, 5);
    expect(Array.from(decoded.subarray(0, 5))).toEqual([0, 1, -2, 0.5, 65504]);
    const bf16 = encodeFloats('BF16', [1, -3.140625]);
    expect(Array.from(bf16)).toEqual([0x80, 0x3f, 0x49, 0xc0]);
  });
});
