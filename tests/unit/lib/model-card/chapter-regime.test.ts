import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { chapterRows, contrastPair, evalCapacityPoints, saturationSeries, sweepCapacityPoints, type ChapterEval } from '../../../../src/lib/model-card/chapter-regime.ts';
import type { ModelEntry } from '../../../../src/lib/model-card/sizes.ts';

const index: ModelEntry[] = JSON.parse(readFileSync('public/models/index.json', 'utf8'));
const evals: ChapterEval[] = index.flatMap((m) => {
  try {
    return [JSON.parse(readFileSync(`public/models/${m.id}/eval.json`, 'utf8'))];
  } catch {
    return [];
  }
});

describe('chapterRows on the committed models', () => {
  const rows = chapterRows(index, evals);

  test('lists memorizers before compressors, keeps the default and drops the other quantized copies', () => {
    const regimes = rows.map((r) => r.regime);
    expect(regimes.indexOf('compressor')).toBeGreaterThan(regimes.lastIndexOf('memorizer'));
    expect(rows.filter((r) => r.isDefault).map((r) => r.id)).toEqual([index.find((m) => m.default)!.id]);
    expect(rows.some((r) => r.id === 'tiny-m-q4' || r.id === 'tiny-m-int8')).toBe(false);
  });

  test('gives the data-rich default more corpus than model and the memorizer the reverse', () => {
    const def = rows.find((r) => r.isDefault)!;
    expect(def.regime).toBe('compressor');
    expect(def.dataPerModel).toBeGreaterThan(20);
    expect(def.tokensPerParam).toBeGreaterThan(20);
    const tinyM = rows.find((r) => r.id === 'tiny-m')!;
    expect(tinyM.dataPerModel).toBeLessThan(1);
  });

  test('pairs a memorizer and a compressor with the same parameter count', () => {
    const pair = contrastPair(rows)!;
    expect(pair.memorizer.regime).toBe('memorizer');
    expect(pair.compressor.regime).toBe('compressor');
    expect(pair.memorizer.params).toBe(pair.compressor.params);
    expect(pair.memorizer.bpb!.train).toBeLessThan(pair.compressor.bpb!.train);
  });
});

describe('contrastPair', () => {
  test('is null when no memorizer has the default\'s size', () => {
    const only = chapterRows(
      [{ id: 'rich-m', params: 10, dtype: 'F32', bytes: 40, default: true }],
      [{ model: 'rich-m', params: 10, bytes: 40, corpus_bytes: 4000, corpus_tokens: 1000, tokens_seen: 100 }],
    );
    expect(contrastPair(only)).toBeNull();
  });
});

describe('evalCapacityPoints', () => {
  test('one size point per full-precision model, exposure points only where exposures are known', () => {
    const pts = evalCapacityPoints([
      { model: 'a', params: 100, capacity: { bits: 50, bits_per_param: 0.5, bitsInSet: 0, worldBits: 200, recall: 0, groups: [{ appearances: 1, exposures: 2, people: 10, bitsPerPerson: 3, bitsInSetPerPerson: 0, recall: 0 }] } },
      { model: 'a-q4', params: 100, capacity: { bits: 40, bits_per_param: 0.4, bitsInSet: 0, worldBits: 0, recall: 0, groups: [] } },
      { model: 'b', params: 200, capacity: { bits: 0, bits_per_param: 0, bitsInSet: 0, worldBits: 0, recall: 0, groups: [{ appearances: 1, bitsPerPerson: 0, bitsInSetPerPerson: 0, recall: 0 }] } },
    ] as never);
    expect(pts.size.map((p) => p.id)).toEqual(['a', 'b']);
    expect(pts.exposure).toEqual([{ id: 'a ×1', params: 100, bits: 30, bitsPerPerson: 3, exposures: 2, series: 'a' }]);
    expect(pts.worldBits).toBe(200);
    expect(pts.maxPerPerson).toBe(20);
  });
});

describe('sweepCapacityPoints', () => {
  const fixture = JSON.parse(readFileSync('tests/unit/lib/model-card/fixtures/capacity-sweep.json', 'utf8'));

  test('reads the capacity sweep\'s results file: one size point per model, one exposure point per group', () => {
    const pts = sweepCapacityPoints(fixture)!;
    expect(pts.size).toEqual([
      { id: 'micro-8', params: 17784, bits: 600 },
      { id: 'micro-32', params: 93056, bits: 2400 },
    ]);
    expect(pts.exposure).toHaveLength(4);
    expect(pts.exposure[3]).toEqual({ id: 'micro-32 ×10', params: 93056, bits: 1800, bitsPerPerson: 18, exposures: 157.6, series: 'micro-32' });
    expect(pts.worldBits).toBe(3774.6);
    expect(pts.maxPerPerson).toBe(18.873);
  });

  test('refuses a file of another shape or without models, so the plot falls back to eval.json', () => {
    expect(sweepCapacityPoints(null)).toBeNull();
    expect(sweepCapacityPoints({ world: fixture.world, models: [] })).toBeNull();
    expect(sweepCapacityPoints({ models: fixture.models })).toBeNull();
    expect(sweepCapacityPoints({ world: fixture.world, models: [{ id: 'x' }] })).toBeNull();
  });
});

describe('saturationSeries', () => {
  const file = {
    exposures: 1000,
    shapes: [{ id: 'micro-8', params: 17784 }, { id: 'micro-16', params: 37104 }, { id: 'micro-4', params: 8700 }],
    runs: [
      { shape: 'micro-8', people: 250, worldBits: 4718, bits: 3000, bits_per_param: 0.17 },
      { shape: 'micro-8', people: 125, worldBits: 2359, bits: 2000, bits_per_param: 0.11 },
      { shape: 'micro-16', people: 125, worldBits: 2359, bits: 2300, bits_per_param: 0.06 },
    ],
  };

  test('one series per shape in the file\'s order, its runs from the smallest world up; shapes without runs left out', () => {
    const s = saturationSeries(file)!;
    expect(s.exposures).toBe(1000);
    expect(s.series.map((x) => x.id)).toEqual(['micro-8', 'micro-16']);
    expect(s.series[0]!.points.map((p) => p.people)).toEqual([125, 250]);
    expect(s.series[1]!.points).toHaveLength(1);
  });

  test('a file without runs draws nothing; a file in another shape fails the build, naming the file and the field', () => {
    expect(saturationSeries({ ...file, runs: [] })).toBeNull();
    expect(() => saturationSeries(null)).toThrow(/saturation-sweep\.json/);
    expect(() => saturationSeries({ ...file, exposures: undefined })).toThrow(/exposures/);
    expect(() => saturationSeries({ ...file, runs: [{ ...file.runs[0], worldBits: 'x' }] })).toThrow(/runs\[0\]\.worldBits: expected number/);
  });
});
