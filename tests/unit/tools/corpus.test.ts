import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildCorpus, capitalSentences, SEED_TEXT, type CapitalsData, type PassagesData } from '../../../src/tools/corpus.ts';

const corpus = readFileSync('public/corpus/corpus.txt', 'utf8');
const capitals = JSON.parse(readFileSync('data/capitals.json', 'utf8')) as CapitalsData;
const passages = JSON.parse(readFileSync('data/passages.json', 'utf8')) as PassagesData;
const count = (needle: string) => corpus.split(needle).length - 1;

describe('the corpus', () => {
  test('is what `npm run corpus` generates from data/ (byte for byte)', () => {
    expect(buildCorpus(readFileSync(SEED_TEXT, 'utf8')).text).toBe(corpus);
  });

  test('never mentions a held-out capital', () => {
    for (const f of capitals.facts.filter((x) => x.repeats === 0)) {
      expect(corpus).not.toContain(f.zk);
      expect(corpus).not.toContain(f.ek);
    }
  });

  test('holds each fact\'s first phrasing as often as planned', () => {
    for (const f of capitals.facts.filter((x) => x.repeats > 0)) {
      const [zh0] = capitalSentences(capitals, { ...f, repeats: 1 }).zh;
      const expected = capitalSentences(capitals, f).zh.filter((s) => s === zh0).length;
      expect(count(`${zh0}\n`)).toBe(expected);
    }
  });

  test('repeats each canary sentence exactly its listed number of times', () => {
    for (const c of passages.canaries) expect(count(c.prompt + c.completion)).toBe(c.repeats);
  });

  test('is 100–400 KB', () => {
    const bytes = new TextEncoder().encode(corpus).length;
    expect(bytes).toBeGreaterThan(100_000);
    expect(bytes).toBeLessThan(400_000);
  });
});
