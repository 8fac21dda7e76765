import { describe, expect, test } from 'vitest';
import { CONTINUATION, displayTexts, formatBits, formatProb, isEndOfText, visibleToken } from '../../../src/ui/token-display.ts';

describe('visibleToken', () => {
  test('shows the space that starts " Paris" and the newline of a line break', () => {
    expect(visibleToken(' Paris')).toBe('␣Paris');
    expect(visibleToken('\n答')).toBe('↵答');
    expect(visibleToken('')).toBe('∅');
    expect(visibleToken('巴黎')).toBe('巴黎');
  });
});

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

const F = '\uFFFD';

describe('displayTexts', () => {
  test('a character split into byte tokens shows on its first token, dots on the rest', () => {
    expect(displayTexts('他躲进', ['他', F, F, F, '进'])).toEqual(['他', '躲', CONTINUATION, CONTINUATION, '进']);
  });
  test('several split characters in a row, at the end of the text', () => {
    expect(displayTexts('a躲躲', ['a', F, F, F, F])).toEqual(['a', '躲躲', CONTINUATION, CONTINUATION, CONTINUATION]);
  });
  test('emoji (two UTF-16 units) split into bytes', () => {
    expect(displayTexts('🤖!', [F, F, '!'])).toEqual(['🤖', CONTINUATION, '!']);
  });
  test('whole tokens pass through; a mismatch returns the texts unchanged', () => {
    expect(displayTexts(' Paris is', [' Paris', ' is'])).toEqual([' Paris', ' is']);
    expect(displayTexts('abc', ['x', F])).toEqual(['x', F]);
  });
});
