import { describe, expect, test } from 'vitest';
import { formatBits, formatProb, isEndOfText } from '../../../src/ui/token-display.ts';

describe('formatProb', () => {
  test('three significant digits, and a floor for the far tail', () => {
    expect(formatProb(0.8213)).toBe('82.1%');
    expect(formatProb(0.000123)).toBe('0.0123%');
    expect(formatProb(1e-9)).toBe('<0.001%');
    expect(formatProb(0)).toBe('0%');
    expect(formatProb(NaN)).toBe('—');
  });
  test('bits', () => {
    expect(formatBits(3.14159)).toBe('3.14');
    expect(formatBits(1234.5)).toBe('1235');
  });
});

describe('isEndOfText', () => {
  test("recognises the built-in tokenizer's <|endoftext|> and other models' markers, nothing else", () => {
    expect(isEndOfText('<|endoftext|>')).toBe(true);
    expect(isEndOfText('</s>')).toBe(true);
    expect(isEndOfText('<|im_end|>')).toBe(true);
    expect(isEndOfText('endoftext')).toBe(false);
    expect(isEndOfText('<')).toBe(false);
    expect(isEndOfText(undefined)).toBe(false);
  });
});
