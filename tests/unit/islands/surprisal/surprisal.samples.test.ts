import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SAMPLES } from '../../../../src/islands/surprisal/surprisal.samples.ts';

const passages = JSON.parse(readFileSync('data/passages.json', 'utf8')) as { passages: { prompt: string; completion: string; repeats: number }[] };
const unseen = readFileSync('data/unseen.txt', 'utf8');

describe('surprisal samples', () => {
  test('"seen" samples are in the training data; "never seen" ones are held out', () => {
    for (const s of SAMPLES) {
      const inCorpus = passages.passages.some((p) => p.repeats > 0 && (p.prompt + p.completion).includes(s.text));
      expect(inCorpus, s.id).toBe(s.seen);
      if (!s.seen) expect(unseen.includes(s.text), s.id).toBe(true);
    }
  });
});
