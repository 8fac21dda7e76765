import { describe, expect, test } from 'vitest';
import { loadTokenizer } from '../../../../src/lib/tokenizer/tokenizer.ts';
import { END_OF_TEXT, preTokenize, splitPattern, tokenizerJson, trainBpe } from '../../../../src/tools/tokenizer/bpe.ts';

const text = '法国的首都是巴黎。法国的首都是巴黎。the cat sat on the mat, the cat ate.';
const pattern = splitPattern(['法国', '巴黎', '首都']);

describe('trainBpe', () => {
  test('starts from all 256 bytes and adds merges up to the size asked', () => {
    const model = trainBpe(preTokenize(text, pattern), 270);
    expect(model.vocab.size).toBe(270);
    expect(model.merges.length).toBe(270 - 256 - 1);
    expect(model.vocab.get(END_OF_TEXT)).toBe(269);
  });

  test('is deterministic', () => {
    const a = trainBpe(preTokenize(text, pattern), 280);
    const b = trainBpe(preTokenize(text, pattern), 280);
    expect(a.merges).toEqual(b.merges);
  });

  test('stops when no pair occurs twice', () => {
    const model = trainBpe(['ab'], 1000);
    expect(model.merges).toEqual([]);
  });
});

describe('splitPattern', () => {
  test('splits Chinese into listed words, else single characters', () => {
    expect(preTokenize('法国的首都是巴黎。', pattern)).toEqual(['法国', '的', '首都', '是', '巴黎', '。']);
  });

  test('keeps English words with their leading space', () => {
    expect(preTokenize('The cat, sat.', pattern)).toEqual(['The', ' cat', ',', ' sat', '.']);
  });
});

describe('tokenizerJson', () => {
  test('loads in @huggingface/tokenizers and round-trips bytes it never saw', () => {
    const json = tokenizerJson(trainBpe(preTokenize(text, pattern), 300), pattern);
    const tok = loadTokenizer(json);
    for (const s of ['🤖 über 𝄞', text, '']) expect(tok.decode(tok.encode(s))).toBe(s);
    expect(tok.encode('巴黎').length).toBe(1);
  });
});
