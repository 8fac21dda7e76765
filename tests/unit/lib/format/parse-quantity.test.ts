import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../../../../src/lib/format/parse-quantity.ts';

const any = { min: 1, max: 1e15 };

describe('parseQuantity', () => {
  test('reads English and Chinese magnitudes and digit groups', () => {
    expect(parseQuantity('15T', any)).toEqual({ ok: true, value: 15e12 });
    expect(parseQuantity('15 万亿', any)).toEqual({ ok: true, value: 15e12 });
    expect(parseQuantity('80亿', any)).toEqual({ ok: true, value: 8e9 });
    expect(parseQuantity('8b', any)).toEqual({ ok: true, value: 8e9 });
    expect(parseQuantity('8,030,261,248', any)).toEqual({ ok: true, value: 8_030_261_248 });
    expect(parseQuantity('1.5e3', any)).toEqual({ ok: true, value: 1500 });
    expect(parseQuantity(' 3万 ', any)).toEqual({ ok: true, value: 30000 });
  });
  test('says what is wrong instead of returning NaN', () => {
    expect(parseQuantity('', any)).toEqual({ ok: false, problem: 'empty' });
    expect(parseQuantity('abc', any)).toEqual({ ok: false, problem: 'not-number' });
    expect(parseQuantity('NaN', any)).toEqual({ ok: false, problem: 'not-number' });
    expect(parseQuantity('Infinity', any)).toEqual({ ok: false, problem: 'not-number' });
    expect(parseQuantity('0x10', any)).toEqual({ ok: false, problem: 'not-number' });
    expect(parseQuantity('0', any)).toEqual({ ok: false, problem: 'zero' });
    expect(parseQuantity('-5', any)).toEqual({ ok: false, problem: 'negative' });
    expect(parseQuantity('0.5', any)).toEqual({ ok: false, problem: 'too-small' });
    expect(parseQuantity('1e400', any)).toEqual({ ok: false, problem: 'too-large' });
    expect(parseQuantity('2000T', any)).toEqual({ ok: false, problem: 'too-large' });
    expect(parseQuantity('2.5', { min: 1, max: 10, integer: true })).toEqual({ ok: false, problem: 'not-integer' });
  });
  test('zero is accepted where the minimum allows it', () => {
    expect(parseQuantity('0', { min: 0, max: 10 })).toEqual({ ok: true, value: 0 });
  });
});
