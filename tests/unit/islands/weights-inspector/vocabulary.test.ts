import { describe, expect, test } from 'vitest';
import { searchVocabulary, vocabularyEntries } from '../../../../src/islands/weights-inspector/vocabulary.ts';
import { byteToChar } from '../../../fixtures/tiny-gpt.ts';

const chars = byteToChar();
const stored = (s: string) => [...new TextEncoder().encode(s)].map((b) => chars[b]!).join('');
const tokenizer = {
  model: { vocab: { [stored('巴')]: 0, [stored('黎')]: 1, [stored('巴黎')]: 2, [stored(' Paris')]: 3, [stored('是')]: 4 } },
  added_tokens: [{ id: 5, content: '<|endoftext|>' }],
};

describe('vocabularyEntries', () => {
  test('decodes byte-level entries to the text they stand for', () => {
    const entries = vocabularyEntries(tokenizer);
    expect(entries.map((e) => e.text)).toEqual(['巴', '黎', '巴黎', ' Paris', '是', '<|endoftext|>']);
    expect(entries[2]!.stored).not.toContain('巴');
    expect(entries[5]!.special).toBe(true);
  });
});

describe('searchVocabulary', () => {
  const entries = vocabularyEntries(tokenizer);
  test('finds a piece the tokenizer stores', () => {
    const r = searchVocabulary(entries, '巴黎');
    expect(r.exact?.id).toBe(2);
    expect(r.total).toBe(1);
  });
  test('does not find a whole sentence: a vocabulary holds pieces', () => {
    const r = searchVocabulary(entries, '法国的首都是巴黎');
    expect(r.exact).toBeUndefined();
    expect(r.total).toBe(0);
  });
  test('lists shorter pieces first', () => {
    expect(searchVocabulary(entries, '巴').containing.map((e) => e.id)).toEqual([0, 2]);
  });
});
