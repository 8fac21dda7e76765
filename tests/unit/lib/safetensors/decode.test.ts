import { describe, expect, test } from 'vitest';
import { decodeTensor, decodeToFloat32, isDecodable } from '../../../../src/lib/safetensors/decode.ts';
import { DecodeError } from '../../../../src/lib/safetensors/errors.ts';
import { openSafetensors, serializeSafetensors } from '../../../../src/lib/safetensors/index.ts';

describe('decodeToFloat32', () => {
  test('reads little-endian integers of every width, signed and unsigned', () => {
    expect(Array.from(decodeToFloat32('I8', Uint8Array.of(0xff, 0x7f, 0x80)))).toEqual([-1, 127, -128]);
    expect(Array.from(decodeToFloat32('U8', Uint8Array.of(0xff, 3)))).toEqual([255, 3]);
    expect(Array.from(decodeToFloat32('I16', Uint8Array.of(0xfe, 0xff)))).toEqual([-2]);
    expect(Array.from(decodeToFloat32('U16', Uint8Array.of(0x01, 0x02)))).toEqual([0x0201]);
    expect(Array.from(decodeToFloat32('I32', Uint8Array.of(0xff, 0xff, 0xff, 0xff)))).toEqual([-1]);
    expect(Array.from(decodeToFloat32('I64', Uint8Array.of(0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)))).toEqual([-3]);
    expect(Array.from(decodeToFloat32('BOOL', Uint8Array.of(0, 1, 2)))).toEqual([0, 1, 1]);
  });

  test('reads floats: F64, F32 at an unaligned offset, F16 and BF16', () => {
    const f32 = new Uint8Array(9);
    new DataView(f32.buffer).setFloat32(1, 1.5, true);
    new DataView(f32.buffer).setFloat32(5, -0.25, true);
    expect(Array.from(decodeToFloat32('F32', f32.subarray(1)))).toEqual([1.5, -0.25]);
    const f64 = new Uint8Array(8);
    new DataView(f64.buffer).setFloat64(0, Math.PI, true);
    expect(decodeToFloat32('F64', f64)[0]).toBeCloseTo(Math.PI, 6);
    expect(Array.from(decodeToFloat32('F16', Uint8Array.of(0x00, 0x3c, 0x00, 0xc0)))).toEqual([1, -2]);
    expect(Array.from(decodeToFloat32('BF16', Uint8Array.of(0x80, 0x3f)))).toEqual([1]);
  });

  test('reads F32 from a Node Buffer that is a view into a larger pool (readFileSync returns these)', () => {
    const values = new Float32Array([1.5, -2.25, 3e-5]);
    const pool = Buffer.alloc(64, 0xff);
    Buffer.from(values.buffer).copy(pool, 20);
    const view = pool.subarray(20, 32);
    expect([...decodeToFloat32('F32', view)]).toEqual([...values]);
  });

  test('refuses dtypes it cannot convert and partial elements, with our error', () => {
    expect(isDecodable('F4')).toBe(false);
    expect(() => decodeToFloat32('F4', Uint8Array.of(1))).toThrow(DecodeError);
    expect(() => decodeToFloat32('F32', Uint8Array.of(1, 2, 3))).toThrow(/whole number of F32/);
  });

  test('decodeTensor reads a tensor from the whole file given dataStart', () => {
    const bytes = serializeSafetensors([{ name: 'w', dtype: 'I16', shape: [2], data: Int16Array.of(-5, 7) }]);
    const file = openSafetensors(bytes);
    expect(Array.from(decodeTensor(file.tensors[0]!, bytes, file.dataStart))).toEqual([-5, 7]);
    expect(() => file.float32('missing')).toThrow(/no tensor named "missing"/);
  });
});
