/**
 * What the lossy lab's numbers support, computed from them. The built-in models come in two
 * regimes (README): `tiny-*` read the small hand-written corpus many times, `rich-*` read a large
 * one, so "smaller is blurrier" is only a fair comparison inside one regime. Fact recall is a
 * count over a few dozen facts, so two models are only called different when Newcombe's interval
 * for the difference of their shares excludes 0 (src/lib/stats/proportion.ts).
 */
import { compareShares, wilson, type Proportion } from '../../lib/stats/proportion.ts';

/** The training regime a model id names: its prefix, `tiny` or `rich`. */
export function regimeOf(id: string): string {
  return id.split('-')[0] ?? id;
}

/** What the findings need of a model. */
export interface ModelFacts {
  id: string;
  params: number;
  dtype: string;
  bytes: number;
  recall: { correct: number; total: number } | null;
  divergence: number | null;
}

/** A model's recall with its interval. */
export interface ModelShare extends Proportion {
  id: string;
}

/** One sentence of what the numbers support. */
export type LabFinding =
  /** Every step up in size (same regime, full precision) recalls more, beyond the noise. */
  | { kind: 'grows'; regime: string; steps: ModelShare[] }
  /** No step up in size is told apart from the one before. */
  | { kind: 'flat'; regime: string; steps: ModelShare[] }
  /** Some steps are told apart, some are not. */
  | { kind: 'mixed'; regime: string; steps: ModelShare[]; unclear: [ModelShare, ModelShare][] }
  /** Lower-precision copies that compare the same way with their full-precision original. */
  | { kind: 'precision'; models: ModelShare[]; base: ModelShare; verdict: 'higher' | 'lower' | 'unclear' };

const FULL = 'F32';

function shareOf(m: ModelFacts): ModelShare | null {
  return m.recall && m.recall.total > 0 ? { id: m.id, ...wilson(m.recall.correct, m.recall.total) } : null;
}

/** Recall findings, regime by regime in the order the regimes first appear. */
export function recallFindings(models: readonly ModelFacts[]): LabFinding[] {
  const out: LabFinding[] = [];
  const regimes = [...new Set(models.map((m) => regimeOf(m.id)))];
  for (const regime of regimes) {
    const inRegime = models.filter((m) => regimeOf(m.id) === regime);
    const full = inRegime.filter((m) => m.dtype === FULL).sort((a, b) => a.params - b.params);
    const steps = full.map(shareOf).filter((s): s is ModelShare => s !== null);
    if (steps.length >= 2) {
      const unclear: [ModelShare, ModelShare][] = [];
      for (let i = 1; i < steps.length; i++) {
        if (compareShares(steps[i]!, steps[i - 1]!) !== 'higher') unclear.push([steps[i - 1]!, steps[i]!]);
      }
      if (unclear.length === 0) out.push({ kind: 'grows', regime, steps });
      else if (unclear.length === steps.length - 1) out.push({ kind: 'flat', regime, steps });
      else out.push({ kind: 'mixed', regime, steps, unclear });
    }
    const precision: Extract<LabFinding, { kind: 'precision' }>[] = [];
    for (const m of inRegime.filter((x) => x.dtype !== FULL)) {
      const base = full.find((f) => f.params === m.params);
      const a = shareOf(m);
      const b = base && shareOf(base);
      if (!a || !b) continue;
      const verdict = compareShares(a, b);
      const same = precision.find((p) => p.base.id === b.id && p.verdict === verdict);
      if (same) same.models.push(a);
      else precision.push({ kind: 'precision', models: [a], base: b, verdict });
    }
    out.push(...precision);
  }
  return out;
}

/** Divergence, regime by regime: does it shrink as the model grows towards the reference? */
export interface DivergenceFinding {
  regime: string;
  reference: string;
  /** Full-precision models other than the reference, smallest first, with their divergence. */
  steps: { id: string; divergence: number }[];
  /** Each larger model is closer to the reference than the one before. */
  shrinks: boolean;
}

/** The largest model of each regime: most parameters, then the most bytes (full precision wins). */
export function referencesByRegime(models: readonly ModelFacts[]): Map<string, ModelFacts> {
  const refs = new Map<string, ModelFacts>();
  for (const m of models) {
    const r = regimeOf(m.id);
    const cur = refs.get(r);
    if (!cur || m.params > cur.params || (m.params === cur.params && m.bytes > cur.bytes)) refs.set(r, m);
  }
  return refs;
}

/** Divergence findings once every full-precision model of a regime has been measured. */
export function divergenceFindings(models: readonly ModelFacts[]): DivergenceFinding[] {
  const out: DivergenceFinding[] = [];
  for (const [regime, ref] of referencesByRegime(models)) {
    const full = models
      .filter((m) => regimeOf(m.id) === regime && m.dtype === FULL && m.id !== ref.id)
      .sort((a, b) => a.params - b.params);
    if (full.length === 0 || full.some((m) => m.divergence === null || !Number.isFinite(m.divergence))) continue;
    const steps = full.map((m) => ({ id: m.id, divergence: m.divergence! }));
    out.push({ regime, reference: ref.id, steps, shrinks: steps.every((s, i) => i === 0 || s.divergence < steps[i - 1]!.divergence) });
  }
  return out;
}
