import { describe, expect, test } from 'vitest';
import { perToken, textStats } from '../../../../src/lib/calc/text-stats.ts';

describe('textStats', () => {
  test('a Chinese character is 3 bytes of UTF-8, one character', () => {
    expect(textStats('法国的首都是巴黎')).toEqual({ bytes: 24, chars: 8, cjkShare: 1 });
  });
  test('an emoji is one character and 4 bytes', () => {
    expect(textStats('🤖')).toMatchObject({ bytes: 4, chars: 1, cjkShare: 0 });
  });
  test('mixed text reports its share of Han characters among letters', () => {
    expect(textStats('ab中文').cjkShare).toBe(0.5);
    expect(textStats('').cjkShare).toBe(0);
  });
});

describe('perToken', () => {
  test('divides bytes and characters by tokens', () => {
    expect(perToken({ bytes: 90, chars: 80, cjkShare: 0 }, 20)).toEqual({ bytesPerToken: 4.5, charsPerToken: 4 });
  });
  test('has no answer for zero tokens instead of Infinity', () => {
    expect(perToken({ bytes: 0, chars: 0, cjkShare: 0 }, 0)).toBeNull();
  });
});
