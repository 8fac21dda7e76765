import { describe, expect, test } from 'vitest';
import { float16BitsToNumber } from '../../../../src/lib/safetensors/index.ts';
import { dequantize, quantizeInt8, quantizeQ4 } from '../../../../src/tools/quantize/group-quant.ts';
import { createRng } from '../../../../src/lib/train/rng.ts';

const rows = 3;
const cols = 64;
const rng = createRng(9);
const w = Float32Array.from({ length: rows * cols }, () => (rng() - 0.5) * 0.2);
w.fill(0, 32, 64); // the second group of row 0 is all zeros

describe('quantizeInt8', () => {
  test('every value is within half a step of the original', () => {
    const q = quantizeInt8(w, rows, cols);
    const back = dequantize('int8', q, rows, cols);
    w.forEach((x, i) => expect(Math.abs(back[i]! - x)).toBeLessThanOrEqual(float16BitsToNumber(q.scales[Math.floor(i / 32)]!) / 2 + 1e-7));
  });

  test('a group of zeros has scale 0 and the group max maps to ±127', () => {
    const q = quantizeInt8(w, rows, cols);
    expect(q.scales[1]).toBe(0);
    const group = Array.from(q.values.slice(64, 96)).map(Math.abs);
    expect(Math.max(...group)).toBe(127);
  });
});

describe('quantizeQ4', () => {
  test('packs two values a byte, even column in the low nibble, stored as q + 8', () => {
    const ramp = Float32Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 7 : -7) * (i === 0 ? 1 : 1));
    const q = quantizeQ4(ramp, 1, 32);
    expect(q.values).toHaveLength(16);
    expect(q.values[0]).toBe((15 & 0x0f) | ((1) << 4));
    expect(float16BitsToNumber(q.scales[0]!)).toBe(1);
  });

  test('every value is within half a step of the original', () => {
    const q = quantizeQ4(w, rows, cols);
    const back = dequantize('q4', q, rows, cols);
    w.forEach((x, i) => expect(Math.abs(back[i]! - x)).toBeLessThanOrEqual(float16BitsToNumber(q.scales[Math.floor(i / 32)]!) / 2 + 1e-7));
  });

  test('refuses a width that is not a multiple of 32', () => {
    expect(() => quantizeQ4(new Float32Array(40), 1, 40)).toThrow(/groups of 32/);
  });
});
