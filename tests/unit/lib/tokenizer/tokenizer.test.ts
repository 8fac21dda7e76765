import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { loadTokenizer } from '../../../../src/lib/tokenizer/tokenizer.ts';

const tokenizer = loadTokenizer(JSON.parse(readFileSync('public/models/tokenizer.json', 'utf8')) as object);

describe('loadTokenizer', () => {
  test.each([
    ['empty string', ''],
    ['Chinese', '法国的首都是巴黎。'],
    ['emoji never seen in training', '🤖🦜'],
    ['combining marks', 'e\u0301 n\u0303 a\u0308\u0304'],
    ['astral characters', '𝄞 𠀋 𝒜'],
    ['mixed scripts and spaces', 'Hello,  世界!\n\tこんにちは  مرحبا'],
  ])('round-trips %s exactly', (_, text) => {
    expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
  });

  test('round-trips any Unicode string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => tokenizer.decode(tokenizer.encode(text)) === text), { numRuns: 300 });
  });

  test('法国的首都是 → 巴黎 is one next-token step', () => {
    const prompt = tokenizer.encode('法国的首都是');
    const full = tokenizer.encode('法国的首都是巴黎');
    expect(full.slice(0, prompt.length)).toEqual(prompt);
    expect(full.length).toBe(prompt.length + 1);
    expect(tokenizer.tokenText(full.at(-1)!)).toBe('巴黎');
  });

  test('keeps Chinese words short enough to be predicted one by one', () => {
    const ids = tokenizer.encode('怎么做红烧肉?怎么做回锅肉?');
    expect(ids.map((id) => tokenizer.tokenText(id))).toEqual(['怎么做', '红烧肉', '?', '怎么做', '回锅肉', '?']);
  });

  test('has a vocabulary of a few thousand with every byte', () => {
    expect(tokenizer.vocabSize).toBeGreaterThanOrEqual(1000);
    expect(tokenizer.vocabSize).toBeLessThanOrEqual(8000);
  });
});
