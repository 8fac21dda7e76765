import { describe, expect, test } from 'vitest';
import { dequantizeInt8, dequantizeQ4, f16FromBytes, halfToFloat } from '../../../../src/lib/tinylm/dequantize.ts';

describe('halfToFloat', () => {
  test('decodes the IEEE 754 half-precision landmarks', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0x3555)).toBeCloseTo(1 / 3, 3);
  });
  test('f16FromBytes reads little-endian pairs', () => {
    expect([...f16FromBytes(new Uint8Array([0x00, 0x3c, 0x00, 0xc0]))]).toEqual([1, -2]);
  });
});

describe('dequantize', () => {
  test('int8-g32 multiplies each group of 32 by its own scale', () => {
    const q = new Int8Array(64);
    q[0] = -127; q[31] = 5; q[32] = 1;
    const out = dequantizeInt8(new Uint8Array(q.buffer), new Float32Array([0.5, 2]), 1, 64);
    expect([out[0], out[31], out[32]]).toEqual([-63.5, 2.5, 2]);
  });
  test('q4-g32 stores the even column in the low nibble, offset by 8', () => {
    const packed = new Uint8Array(16).fill(0x88);
    packed[0] = (8 + -7) | ((8 + 3) << 4);
    const out = dequantizeQ4(packed, new Float32Array([0.25]), 1, 32);
    expect([out[0], out[1], out[2]]).toEqual([-1.75, 0.75, 0]);
  });
});
