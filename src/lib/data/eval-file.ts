/**
 * Reading a built-in model's eval.json (written by src/tools/eval.ts): fact recall with each
 * prompt's greedy answer, and the verbatim-memorization tally. Facts the corpus never held
 * (`repeats` 0) are kept apart: whatever the model says about them is made up, not recalled.
 */

/** One fact prompt and the model's greedy answer. */
export interface FactOutcome {
  lang: string;
  prompt: string;
  expected: string;
  got: string;
  correct: boolean;
  /** Times the fact appears in the training corpus (0 = held out). */
  repeats: number;
}

/** Fact recall over the facts the corpus holds. */
export interface FactRecall {
  rate: number;
  correct: number;
  total: number;
  /** Every fact prompt, held-in and held-out. */
  items: FactOutcome[];
}

/** Verbatim memorization by how many times a passage appears. */
export interface MemorizationTally {
  repeats: number;
  n: number;
  correct: number;
  rate: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Fact recall from an eval.json, or null when it lists no facts. */
export function readFactRecall(json: unknown): FactRecall | null {
  if (!isObj(json) || !Array.isArray(json['facts'])) return null;
  const items: FactOutcome[] = json['facts'].filter(isObj).map((f) => ({
    lang: String(f['lang'] ?? ''),
    prompt: String(f['prompt'] ?? ''),
    expected: String(f['expected'] ?? ''),
    got: String(f['output'] ?? f['got'] ?? ''),
    correct: f['correct'] === true,
    repeats: num(f['repeats']),
  }));
  const heldIn = items.filter((i) => i.repeats > 0);
  if (heldIn.length === 0) return null;
  const correct = heldIn.filter((i) => i.correct).length;
  return { rate: correct / heldIn.length, correct, total: heldIn.length, items };
}

/** The memorization tally (by repeats, most first as written), or null when absent. */
export function readMemorization(json: unknown): MemorizationTally[] | null {
  if (!isObj(json) || !Array.isArray(json['memorization'])) return null;
  return json['memorization'].filter(isObj).map((t) => ({ repeats: num(t['repeats']), n: num(t['n']), correct: num(t['correct']), rate: num(t['rate']) }));
}
