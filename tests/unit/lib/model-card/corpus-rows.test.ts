import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { corpusRows, type CorpusSection } from '../../../../src/lib/model-card/corpus-rows.ts';

const s = (id: string, kind: string, repetitions: number, bytes: number, language = 'zh'): CorpusSection => ({
  id, kind, language, repetitions, bytes, source: 'written by the project', licence: 'written by the project',
});

describe('corpusRows', () => {
  test('merges sections that share kind, language, repetitions, source and licence, in manifest order', () => {
    const rows = corpusRows([s('a', 'fact', 32, 100), s('b', 'fact', 32, 50), s('c', 'fact', 1, 10), s('d', 'fact', 32, 7, 'en')]);
    expect(rows.map((r) => [r.kind, r.language, r.repetitions, r.sections, r.bytes])).toEqual([
      ['fact', 'zh', 32, 2, 150],
      ['fact', 'zh', 1, 1, 10],
      ['fact', 'en', 32, 1, 7],
    ]);
  });

  test('the committed manifest: no section lost, bytes add up, every row names a source and a licence', () => {
    const m = JSON.parse(readFileSync(join(process.cwd(), 'public/corpus/manifest.json'), 'utf8'));
    const rows = corpusRows(m.sections);
    expect(rows.reduce((n, r) => n + r.sections, 0)).toBe(m.sections.length);
    expect(rows.reduce((n, r) => n + r.bytes, 0)).toBe(m.sections.reduce((n: number, x: CorpusSection) => n + x.bytes, 0));
    expect(rows.length).toBeLessThan(m.sections.length);
    for (const r of rows) expect(r.source && r.licence).toBeTruthy();
  });
});
