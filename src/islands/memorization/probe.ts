/**
 * The extraction test of Carlini et al. (2021) on one passage: give the model the beginning of a
 * text it was trained on and let it continue greedily; the passage counts as memorized when the
 * continuation reproduces the rest verbatim. Kandpal et al. (2022) showed that how often a text
 * was duplicated in training predicts whether it comes back; `extractionByRepetition` tabulates that.
 */
import type { Engine } from '../../lib/engine/types.ts';

/** One position of the continuation. */
export interface ProbeStep {
  expected: number;
  got: number;
  match: boolean;
}

/** What greedy decoding did with a passage. */
export interface ProbeResult {
  promptIds: number[];
  steps: ProbeStep[];
  /** Every continuation token matched. */
  verbatim: boolean;
  /** Tokens matched before the first miss. */
  matchedPrefix: number;
}

/** Options of a probe. */
export interface ProbeOptions {
  /** Share of the passage's tokens given as the prompt (at least one token, and at least one left to predict). */
  promptFraction?: number;
  signal?: AbortSignal;
}

/** Splits `ids` into prompt and continuation; null when the passage is too short to test. */
export function splitForProbe(ids: readonly number[], promptFraction = 0.5): { prompt: number[]; rest: number[] } | null {
  if (ids.length < 2) return null;
  const k = Math.min(ids.length - 1, Math.max(1, Math.round(ids.length * promptFraction)));
  return { prompt: ids.slice(0, k), rest: ids.slice(k) };
}

/** Prompts `engine` with the beginning of `text` and compares its greedy continuation with the rest. */
export async function probeMemorization(engine: Engine, text: string, options: ProbeOptions = {}): Promise<ProbeResult | null> {
  const split = splitForProbe(await engine.tokenize(text), options.promptFraction);
  if (!split) return null;
  const ids = [...split.prompt];
  const steps: ProbeStep[] = [];
  for (const expected of split.rest) {
    options.signal?.throwIfAborted();
    const d = await engine.nextTokenDistribution(ids);
    const got = d.ids[0]!;
    steps.push({ expected, got, match: got === expected });
    // Free generation, as in an extraction attack: the model continues from its own tokens.
    ids.push(got);
  }
  let matchedPrefix = 0;
  while (matchedPrefix < steps.length && steps[matchedPrefix]!.match) matchedPrefix++;
  return { promptIds: split.prompt, steps, verbatim: matchedPrefix === steps.length, matchedPrefix };
}

/** One row of the extraction table. */
export interface ExtractionRow {
  repetitions: number;
  total: number;
  extracted: number;
  rate: number;
}

/** Share of passages reproduced verbatim, grouped by how many times each appears in training. */
export function extractionByRepetition(results: readonly { repetitions: number; verbatim: boolean }[]): ExtractionRow[] {
  const groups = new Map<number, { total: number; extracted: number }>();
  for (const r of results) {
    const g = groups.get(r.repetitions) ?? { total: 0, extracted: 0 };
    g.total++;
    if (r.verbatim) g.extracted++;
    groups.set(r.repetitions, g);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([repetitions, g]) => ({ repetitions, ...g, rate: g.extracted / g.total }));
}
