import { describe, expect, test } from 'vitest';
import {
  bfloat16BitsToNumber,
  float16BitsToNumber,
  float8E4M3ToNumber,
  float8E5M2ToNumber,
  float8E8M0ToNumber,
  numberToBfloat16Bits,
  numberToFloat16Bits,
} from '../../../../src/lib/safetensors/float16.ts';

describe('float16', () => {
  test('decodes the IEEE 754 landmarks', () => {
    expect(float16BitsToNumber(0x3c00)).toBe(1);
    expect(float16BitsToNumber(0xc000)).toBe(-2);
    expect(float16BitsToNumber(0x7bff)).toBe(65504);
    expect(float16BitsToNumber(0x0001)).toBe(2 ** -24);
    expect(float16BitsToNumber(0x0400)).toBe(2 ** -14);
    expect(float16BitsToNumber(0x7c00)).toBe(Infinity);
    expect(float16BitsToNumber(0xfc00)).toBe(-Infinity);
    expect(float16BitsToNumber(0x7e00)).toBeNaN();
    expect(Object.is(float16BitsToNumber(0x8000), -0)).toBe(true);
  });

  test('every one of the 65,536 half values survives a round trip through a number', () => {
    for (let h = 0; h < 0x10000; h++) {
      const v = float16BitsToNumber(h);
      if (Number.isNaN(v)) expect(Number.isNaN(float16BitsToNumber(numberToFloat16Bits(v)))).toBe(true);
      else expect(numberToFloat16Bits(v)).toBe(h);
    }
  });

  test('rounds to nearest even, overflows to infinity and underflows to zero', () => {
    expect(numberToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie: stays even
    expect(numberToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie: rounds up to even
    expect(numberToFloat16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01);
    expect(numberToFloat16Bits(65520)).toBe(0x7c00);
    expect(numberToFloat16Bits(65519)).toBe(0x7bff);
    expect(numberToFloat16Bits(2 ** -26)).toBe(0);
    expect(numberToFloat16Bits(3 * 2 ** -26)).toBe(0x0001);
    expect(numberToFloat16Bits(2 ** -14 - 2 ** -25)).toBe(0x0400); // carries from subnormal into normal
  });
});

describe('bfloat16', () => {
  test('is the upper half of a float32, rounded to nearest even', () => {
    expect(bfloat16BitsToNumber(0x3f80)).toBe(1);
    expect(numberToBfloat16Bits(1)).toBe(0x3f80);
    expect(numberToBfloat16Bits(1 + 2 ** -8)).toBe(0x3f80);
    expect(numberToBfloat16Bits(1 + 3 * 2 ** -8)).toBe(0x3f82);
    expect(bfloat16BitsToNumber(numberToBfloat16Bits(Number.NaN))).toBeNaN();
    for (let h = 0; h < 0x10000; h += 7) {
      const v = bfloat16BitsToNumber(h);
      if (!Number.isNaN(v)) expect(numberToBfloat16Bits(v)).toBe(h);
    }
  });
});

describe('fp8', () => {
  test('E4M3 (fn): 448 is the largest value, S.1111.111 is NaN, no infinities', () => {
    expect(float8E4M3ToNumber(0x7e)).toBe(448);
    expect(float8E4M3ToNumber(0x7f)).toBeNaN();
    expect(float8E4M3ToNumber(0x78)).toBe(256);
    expect(float8E4M3ToNumber(0x38)).toBe(1);
    expect(float8E4M3ToNumber(0x01)).toBe(2 ** -9);
    expect(float8E4M3ToNumber(0xb8)).toBe(-1);
  });
  test('E5M2: 57344 is the largest finite value; 0x7c is infinity', () => {
    expect(float8E5M2ToNumber(0x7b)).toBe(57344);
    expect(float8E5M2ToNumber(0x7c)).toBe(Infinity);
    expect(float8E5M2ToNumber(0x3c)).toBe(1);
  });
  test('E8M0 is a power of two; 0xff is NaN', () => {
    expect(float8E8M0ToNumber(127)).toBe(1);
    expect(float8E8M0ToNumber(130)).toBe(8);
    expect(float8E8M0ToNumber(0xff)).toBeNaN();
  });
});
