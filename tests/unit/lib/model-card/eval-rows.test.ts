import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatRate, memorizationRows, recallRows } from '../../../../src/lib/model-card/eval-rows.ts';

const cell = (repeats: number, n: number, correct: number) => ({ repeats, n, correct, rate: correct / n });

describe('recallRows', () => {
  test('joins Chinese and English by repetition count, most repeated first, held-out last', () => {
    const rows = recallRows({ zh: [cell(0, 12, 0), cell(32, 4, 4)], en: [cell(32, 4, 3), cell(1, 12, 1), cell(0, 12, 0)] });
    expect(rows.map((r) => r.repeats)).toEqual([32, 1, 0]);
    expect(rows[0]).toMatchObject({ heldOut: false, zh: { correct: 4 }, en: { correct: 3 } });
    expect(rows[1]!.zh).toBeUndefined();
    expect(rows[2]!.heldOut).toBe(true);
  });

  test('the committed default model: every fact count of eval.json appears once', () => {
    const e = JSON.parse(readFileSync(join(process.cwd(), 'public/models/tiny-m/eval.json'), 'utf8'));
    const rows = recallRows(e.factRecall);
    const total = (l: 'zh' | 'en') => rows.reduce((s, r) => s + (r[l]?.n ?? 0), 0);
    expect(total('zh')).toBe(e.facts.filter((f: { lang: string }) => f.lang === 'zh').length);
    expect(total('en')).toBe(e.facts.filter((f: { lang: string }) => f.lang === 'en').length);
    expect(rows.at(-1)!.heldOut).toBe(true);
  });
});

describe('memorizationRows', () => {
  test('sorts by repetitions, most first, without touching the input', () => {
    const input = [cell(1, 6, 1), cell(32, 6, 5), cell(4, 6, 5)];
    expect(memorizationRows(input).map((r) => r.repeats)).toEqual([32, 4, 1]);
    expect(input[0]!.repeats).toBe(1);
  });
});

describe('formatRate', () => {
  test('shows the counts and a rounded percentage computed from them', () => {
    expect(formatRate(cell(16, 4, 1))).toBe('1 / 4 (25%)');
    expect(formatRate(cell(1, 12, 1))).toBe('1 / 12 (8%)');
    expect(formatRate(cell(2, 6, 5))).toBe('5 / 6 (83%)');
  });
  test('a missing or empty cell is a dash, not 0%', () => {
    expect(formatRate(undefined)).toBe('—');
    expect(formatRate({ repeats: 1, n: 0, correct: 0, rate: 0 })).toBe('—');
  });
});
