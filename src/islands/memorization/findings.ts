/**
 * What the extraction table can support, computed from its counts. With six sentences a cell a
 * single "6/6" or "1/6" says little; these findings say only what survives the noise: a model
 * that recites nothing, one that recites even what it saw once, and, for the rest, whether the
 * most repeated sentences come back more often than those seen once by more than chance allows
 * (Newcombe's interval for a difference of two shares, src/lib/stats/proportion.ts).
 */
import { compareShares, wilson, type Proportion } from '../../lib/stats/proportion.ts';
import type { ExtractionRow } from './probe.ts';

/** A share of sentences with its repetition count. */
export interface RepeatShare extends Proportion {
  repetitions: number;
}

/** One sentence's worth of what a model's column shows. */
export type MemorizationFinding =
  | { kind: 'none'; ids: string[]; n: number; upper: number }
  | { kind: 'even-once'; id: string; once: RepeatShare }
  | { kind: 'repetition' | 'unclear'; id: string; most: RepeatShare; once: RepeatShare };

function share(row: ExtractionRow): RepeatShare {
  return { ...wilson(row.extracted, row.total), repetitions: row.repetitions };
}

/** Above this lower bound, a model "recites even what it saw once". */
const EVEN_ONCE = 0.5;

/** Findings for every model column, in the table's order; models that recite nothing share one. */
export function memorizationFindings(table: ReadonlyMap<string, readonly ExtractionRow[]>): MemorizationFinding[] {
  const out: MemorizationFinding[] = [];
  let none: Extract<MemorizationFinding, { kind: 'none' }> | null = null;
  for (const [id, rows] of table) {
    const counted = rows.filter((r) => r.total > 0);
    if (counted.length === 0) continue;
    const total = counted.reduce((s, r) => s + r.total, 0);
    if (counted.every((r) => r.extracted === 0)) {
      // Pooled over every repetition count: none of `total` sentences came back.
      const upper = wilson(0, total).hi;
      if (none && none.n === total) none.ids.push(id);
      else out.push((none = { kind: 'none', ids: [id], n: total, upper }));
      continue;
    }
    const sorted = [...counted].sort((a, b) => a.repetitions - b.repetitions);
    const once = share(sorted[0]!);
    const most = share(sorted[sorted.length - 1]!);
    if (once.lo >= EVEN_ONCE) out.push({ kind: 'even-once', id, once });
    else if (sorted.length < 2) continue;
    else out.push({ kind: compareShares(most, once) === 'higher' ? 'repetition' : 'unclear', id, most, once });
  }
  return out;
}

/** The sentences per cell, when every cell counts the same number (else null). */
export function sentencesPerCell(table: ReadonlyMap<string, readonly ExtractionRow[]>): number | null {
  const ns = new Set([...table.values()].flatMap((rows) => rows.map((r) => r.total)));
  return ns.size === 1 ? [...ns][0]! : null;
}
