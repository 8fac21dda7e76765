import { describe, expect, test } from 'vitest';
import { formatBytes, formatCount } from '../../../../src/lib/format/number.ts';

describe('formatCount', () => {
  test('uses 万/亿/万亿 in Chinese, as the seed writes 15 万亿 and 80 亿', () => {
    expect(formatCount(15e12, 'zh')).toBe('15 万亿');
    expect(formatCount(8e9, 'zh')).toBe('80 亿');
    expect(formatCount(124_439_808, 'zh')).toBe('1.24 亿');
    expect(formatCount(35_000, 'zh')).toBe('3.5 万');
  });
  test('uses K/M/B/T in English', () => {
    expect(formatCount(15e12, 'en')).toBe('15T');
    expect(formatCount(8.03e9, 'en')).toBe('8.03B');
    expect(formatCount(999, 'en')).toBe('999');
  });
  test('never prints NaN or Infinity', () => {
    expect(formatCount(Number.NaN, 'en')).toBe('—');
    expect(formatCount(Infinity, 'zh')).toBe('—');
  });
});

describe('formatBytes', () => {
  test('uses decimal units, so 8B parameters × 2 bytes is 16 GB', () => {
    expect(formatBytes(16e9)).toBe('16 GB');
    expect(formatBytes(60e12)).toBe('60 TB');
    expect(formatBytes(512)).toBe('512 B');
  });
});
