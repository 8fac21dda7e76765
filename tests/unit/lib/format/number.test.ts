import { describe, expect, test } from 'vitest';
import {
  formatBytes,
  formatBytesBinary,
  formatCount,
  formatDecimal,
  formatInteger,
} from '../../../../src/lib/format/number.ts';

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

describe('formatBytesBinary', () => {
  test('uses binary units, as KV-cache figures are quoted (512 KiB per token)', () => {
    expect(formatBytesBinary(524_288)).toBe('512 KiB');
    expect(formatBytesBinary(1024 ** 3)).toBe('1 GiB');
    expect(formatBytesBinary(-1)).toBe('—');
  });
});

describe('formatInteger and formatDecimal', () => {
  test('group digits exactly and round to significant digits', () => {
    expect(formatInteger(8_030_261_248)).toBe('8,030,261,248');
    expect(formatDecimal(2812.5)).toBe('2,810');
    expect(formatDecimal(0.0085333)).toBe('0.00853');
    expect(formatDecimal(Number.NaN)).toBe('—');
  });
});
