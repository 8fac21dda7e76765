import { describe, expect, test } from 'vitest';
import { readFactRecall, readMemorization } from '../../../../src/lib/data/eval-file.ts';

const evalJson = {
  factRecall: { zh: [{ repeats: 32, n: 1, correct: 1, rate: 1 }] },
  memorization: [
    { repeats: 32, n: 4, correct: 4, rate: 1 },
    { repeats: 1, n: 4, correct: 0, rate: 0 },
  ],
  facts: [
    { lang: 'zh', country: 'France', repeats: 32, prompt: '法国的首都是', expected: '巴黎', output: '巴黎。', correct: true },
    { lang: 'zh', country: 'Japan', repeats: 2, prompt: '日本的首都是', expected: '东京', output: '北京。', correct: false },
    { lang: 'en', country: 'Peru', repeats: 0, prompt: 'The capital of Peru is', expected: ' Lima', output: ' Paris.', correct: false },
  ],
};

describe('readFactRecall', () => {
  test('counts recall over the facts the corpus holds, keeping held-out ones apart', () => {
    const r = readFactRecall(evalJson)!;
    expect([r.correct, r.total, r.rate]).toEqual([1, 2, 0.5]);
    expect(r.items).toHaveLength(3);
    expect(r.items[1]).toMatchObject({ got: '北京。', correct: false, repeats: 2 });
  });
  test('returns null for a file without facts', () => {
    expect(readFactRecall({ bitsPerByte: { train: 1 } })).toBeNull();
    expect(readFactRecall(null)).toBeNull();
  });
});

describe('readMemorization', () => {
  test('reads the tally by repetition count', () => {
    expect(readMemorization(evalJson)?.map((t) => [t.repeats, t.correct, t.n])).toEqual([
      [32, 4, 4],
      [1, 0, 4],
    ]);
    expect(readMemorization({})).toBeNull();
  });
});
