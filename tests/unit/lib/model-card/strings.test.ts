import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { strings } from '../../../../src/lib/model-card/strings.ts';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'public', 'corpus', 'manifest.json'), 'utf8')) as {
  sections: { source: string; licence: string }[];
};

describe('model card strings', () => {
  test('the Chinese corpus table says every source and licence in Chinese (poems keep their titles)', () => {
    for (const s of manifest.sections) {
      for (const credit of [s.source, s.licence]) {
        expect(strings.zh.credit(credit), credit).not.toMatch(/project|public domain|Tang dynasty|first stanza|seed text/);
      }
    }
    expect(strings.zh.credit('written by the project')).toBe('本站自己编写');
    expect(strings.zh.credit('李白《静夜思》(Tang dynasty)')).toBe('李白《静夜思》（唐）');
    expect(strings.en.credit('public domain')).toBe('public domain');
  });
});
