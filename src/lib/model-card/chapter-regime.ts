/**
 * What the chapters' "our models against what they read" widget and capacity plot show, from the
 * committed public/models/index.json and each eval.json (read at build time by
 * src/components/ModelRegime.astro and CapacityPlot.astro; never numbers written into a page).
 */
import type { CapacityPoint } from './capacity-plot.ts';
import { regimeRow, type EvalSummary, type RegimeRow } from './regime.ts';
import type { ModelEntry } from './sizes.ts';

/** An eval.json with the bits-per-byte figures the contrast cards show. */
export interface ChapterEval extends EvalSummary {
  bitsPerByte?: { train: number; unseen: number };
}

/** A row of the chapters' table: the regime row plus what the cards add. */
export interface ChapterRow extends RegimeRow {
  precision: string;
  isDefault: boolean;
  /** Bits per byte on its corpus's start and on unseen text (eval.json), when measured. */
  bpb?: { train: number; unseen: number };
}

/** Quantized copies repeat their F32 model's corpus and size class: the chapters show only the default among them. */
const QUANTIZED = /-(f16|int8|q4)$/;

/**
 * The models the chapters compare: every full-precision model whose eval.json has the corpus
 * fields, plus the site's default even when quantized; memorizers first, then by size.
 */
export function chapterRows(index: ModelEntry[], evals: ChapterEval[]): ChapterRow[] {
  const rows: ChapterRow[] = [];
  for (const entry of index) {
    const isDefault = entry.default === true;
    if (QUANTIZED.test(entry.id) && !isDefault) continue;
    const e = evals.find((x) => x.model === entry.id);
    const row = e && regimeRow(e);
    if (!row) continue;
    rows.push({ ...row, precision: e.precision ?? entry.dtype, isDefault, ...(e.bitsPerByte ? { bpb: e.bitsPerByte } : {}) });
  }
  const order = (r: ChapterRow) => (r.regime === 'memorizer' ? 0 : 1);
  return rows.sort((a, b) => order(a) - order(b) || a.params - b.params || Number(a.isDefault) - Number(b.isDefault));
}

/**
 * Same architecture, two regimes: a memorizer and a full-precision compressor with the default
 * model's parameter count (tiny-m and rich-m today). Null when either is missing.
 */
export function contrastPair(rows: ChapterRow[]): { memorizer: ChapterRow; compressor: ChapterRow } | null {
  const def = rows.find((r) => r.isDefault);
  const params = def?.params;
  const memorizer = rows.find((r) => r.regime === 'memorizer' && r.params === params && !QUANTIZED.test(r.id));
  const compressor = rows.find((r) => r.regime === 'compressor' && r.params === params && !QUANTIZED.test(r.id)) ?? def;
  return memorizer && compressor ? { memorizer, compressor } : null;
}

/**
 * The capacity points the eval.json files hold today: per full-precision model its total bits
 * (the size plot), and per data-rich model one point per exposure group, the group's bits
 * scaled to its people (the exposure plot).
 */
export function evalCapacityPoints(evals: (ChapterEval & { capacity?: { groups: { people?: number }[] } })[]): { size: CapacityPoint[]; exposure: CapacityPoint[] } {
  const full = evals.filter((e) => e.capacity && e.params && !QUANTIZED.test(e.model));
  return {
    size: full.map((e) => ({ id: e.model, params: e.params!, bits: e.capacity!.bits })),
    exposure: full.flatMap((e) =>
      e.capacity!.groups
        .filter((g) => (g.exposures ?? 0) > 0)
        .map((g) => ({
          id: `${e.model} ×${g.appearances}`,
          params: e.params!,
          bits: g.bitsPerPerson * ((g as { people?: number }).people ?? 0),
          exposures: g.exposures!,
          series: e.model,
        })),
    ),
  };
}
