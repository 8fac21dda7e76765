/** One row of an eval.json rate table: how many of `n` prompts seen `repeats` times came out right. */
export interface RateCell {
  repeats: number;
  n: number;
  correct: number;
  rate: number;
}

/** One line of the fact-recall table: the same repetition count in Chinese and in English. */
export interface RecallRow {
  repeats: number;
  /** True for facts the model never saw (repeats 0): whatever it answers is made up. */
  heldOut: boolean;
  zh: RateCell | undefined;
  en: RateCell | undefined;
}

/** Joins eval.json's per-language fact recall into rows, most repeated first, held-out facts last. */
export function recallRows(factRecall: { zh?: RateCell[]; en?: RateCell[] }): RecallRow[] {
  const zh = factRecall.zh ?? [];
  const en = factRecall.en ?? [];
  const counts = [...new Set([...zh, ...en].map((c) => c.repeats))].sort((a, b) => b - a);
  return counts.map((repeats) => ({
    repeats,
    heldOut: repeats === 0,
    zh: zh.find((c) => c.repeats === repeats),
    en: en.find((c) => c.repeats === repeats),
  }));
}

/** Memorization rows, most repeated first (eval.json's own order is not guaranteed). */
export function memorizationRows(memorization: RateCell[]): RateCell[] {
  return [...memorization].sort((a, b) => b.repeats - a.repeats);
}

/** "4 / 4 (100%)": counts first, because with a handful of prompts a bare percentage overstates precision. */
export function formatRate(cell: RateCell | undefined): string {
  if (!cell || cell.n === 0) return '—';
  return `${cell.correct} / ${cell.n} (${Math.round((cell.correct / cell.n) * 100)}%)`;
}
