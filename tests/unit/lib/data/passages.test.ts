import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { corpusPassages, NEW_PASSAGES } from '../../../../src/lib/data/passages.ts';

const corpus = readFileSync('public/corpus/corpus.txt', 'utf8');
const manifest = JSON.parse(readFileSync('public/corpus/manifest.json', 'utf8'));

describe('passages', () => {
  test('the "new" passages are really not in the training corpus, not even a line of them', () => {
    for (const p of Object.values(NEW_PASSAGES)) {
      for (const line of p.text.split('\n').slice(1)) expect(corpus.includes(line)).toBe(false);
    }
  });

  test('corpus passages come from the manifest, most repeated first, and are in the corpus', () => {
    const passages = corpusPassages(manifest, ['passage']);
    expect(passages.length).toBeGreaterThan(0);
    for (let i = 1; i < passages.length; i++) expect(passages[i - 1]!.repetitions).toBeGreaterThanOrEqual(passages[i]!.repetitions);
    for (const p of passages) expect(corpus.includes(p.text)).toBe(true);
  });

  test('a manifest without sections is an error', () => {
    expect(() => corpusPassages({}, ['passage'])).toThrow(/no sections/);
  });
});
