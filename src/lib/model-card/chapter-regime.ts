/**
 * What the chapters' "our models against what they read" widget and capacity plot show, from the
 * committed public/models/index.json and each eval.json (read at build time by
 * src/components/ModelRegime.astro and CapacityPlot.astro; never numbers written into a page).
 */
import type { CapacityPoint, SaturationSeries } from './capacity-plot.ts';
import { parseWith, saturationSweepSchema } from '../data/schemas.ts';
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

/** What the capacity plots draw, from whichever source holds the measurements. */
export interface CapacityData {
  size: CapacityPoint[];
  exposure: CapacityPoint[];
  /** The whole world's bits (no model can store more), and a perfect memory's bits per person. */
  worldBits: number;
  maxPerPerson: number;
}

type EvalWithCapacity = ChapterEval & { capacity?: { worldBits?: number; groups: { people?: number }[] } };

/**
 * The capacity points the eval.json files hold: per full-precision model its total bits (the
 * size plot), and per data-rich model one point per exposure group (the exposure plot).
 */
export function evalCapacityPoints(evals: EvalWithCapacity[]): CapacityData {
  const full = evals.filter((e) => e.capacity && e.params && !QUANTIZED.test(e.model));
  const first = full[0]?.capacity;
  const people = first ? first.groups.reduce((n, g) => n + ((g as { people?: number }).people ?? 0), 0) : 0;
  const worldBits = first?.worldBits ?? 0;
  return {
    size: full.map((e) => ({ id: e.model, params: e.params!, bits: e.capacity!.bits })),
    exposure: full.flatMap((e) =>
      e.capacity!.groups
        .filter((g) => (g.exposures ?? 0) > 0)
        .map((g) => ({
          id: `${e.model} ×${g.appearances}`,
          params: e.params!,
          bits: g.bitsPerPerson * ((g as { people?: number }).people ?? 0),
          bitsPerPerson: g.bitsPerPerson,
          exposures: g.exposures!,
          series: e.model,
        })),
    ),
    worldBits,
    maxPerPerson: people > 0 ? worldBits / people : 0,
  };
}

/** The parts of public/models/capacity-sweep.json (src/tools/capacity-sweep.ts, docs/capacity.md) the plots read. */
export interface SweepFile {
  world: { people: number; bits: number; bitsPerPerson: number };
  models: {
    id: string;
    params: number;
    nonEmbeddingParams?: number;
    capacity: { bits: number; groups: { appearances: number; exposures: number; bitsPerPerson: number; bits: number }[] };
  }[];
}

/** The capacity sweep's points, or null when the file is not in its expected shape or holds no model. */
export function sweepCapacityPoints(file: unknown): CapacityData | null {
  const f = file as Partial<SweepFile> | null;
  if (!f || typeof f !== 'object' || !f.world || !Array.isArray(f.models) || f.models.length === 0) return null;
  const ok = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  if (!ok(f.world.bits) || !ok(f.world.bitsPerPerson)) return null;
  const models = f.models.filter((m) => m && typeof m.id === 'string' && ok(m.params) && m.capacity && ok(m.capacity.bits) && Array.isArray(m.capacity.groups));
  if (models.length === 0) return null;
  return {
    size: models.map((m) => ({ id: m.id, params: m.params, bits: m.capacity.bits })),
    exposure: models.flatMap((m) =>
      m.capacity.groups
        .filter((g) => ok(g.exposures) && g.exposures > 0 && ok(g.bitsPerPerson))
        .map((g) => ({ id: `${m.id} ×${g.appearances}`, params: m.params, bits: g.bits, bitsPerPerson: g.bitsPerPerson, exposures: g.exposures, series: m.id })),
    ),
    worldBits: f.world.bits,
    maxPerPerson: f.world.bitsPerPerson,
  };
}

/**
 * The saturation sweep (public/models/saturation-sweep.json, src/tools/saturation-sweep.ts) as one
 * series per model shape, in the file's order, each from its smallest world up; shapes without
 * runs are left out, and a file without runs is null. A file that does not match its schema
 * fails the build, naming the file and the field.
 */
export function saturationSeries(file: unknown): { exposures: number; series: SaturationSeries[] } | null {
  const f = parseWith(saturationSweepSchema, file, 'public/models/saturation-sweep.json');
  const series = f.shapes
    .map((s) => ({ id: s.id, params: s.params, points: f.runs.filter((r) => r.shape === s.id).map((r) => ({ people: r.people, worldBits: r.worldBits, bits: r.bits })).sort((a, b) => a.worldBits - b.worldBits) }))
    .filter((s) => s.points.length > 0);
  return series.length > 0 ? { exposures: f.exposures, series } : null;
}
