/**
 * The extraction test of Carlini et al. (2021) on one passage: give the model the beginning of a
 * text it was trained on and let it continue greedily; the passage counts as memorized when the
 * continuation reproduces the rest verbatim. Kandpal et al. (2022) showed that how often a text
 * was duplicated in training predicts whether it comes back; `extractionByRepetition` tabulates that.
 */
import { extract, type GreedyModel } from '../../lib/analysis/memorization.ts';
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
  /** Memorized: the continuation's text reproduces the rest of the passage (src/lib/analysis/memorization.ts). */
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

/**
 * Prompts `engine` with the beginning of `text` and continues greedily; whether the passage counts
 * as memorized is the site's one definition (src/lib/analysis/memorization.ts, shared with the
 * build-time evaluation): the continuation's text starts with the rest of the passage. The steps
 * pair the true tokens with the generated ones for the view.
 */
export async function probeMemorization(engine: Engine, text: string, options: ProbeOptions = {}): Promise<ProbeResult | null> {
  const split = splitForProbe(await engine.tokenize(text), options.promptFraction);
  if (!split) return null;
  const expectedText = await engine.detokenize(split.rest);
  const model: GreedyModel = {
    // Free generation, as in an extraction attack: the model continues from its own tokens.
    next: async (ids) => (await engine.nextTokenDistribution([...ids])).ids[0]!,
    decode: (ids) => engine.detokenize([...ids]),
  };
  // Room for a model that spells the rest with more, shorter tokens than the passage has.
  const maxTokens = Math.max(2 * split.rest.length, split.rest.length + 16);
  const x = await extract(model, split.prompt, expectedText, { maxTokens, signal: options.signal });
  const steps = split.rest.slice(0, x.ids.length).map((expected, i) => ({ expected, got: x.ids[i]!, match: x.ids[i] === expected }));
  let matchedPrefix = 0;
  while (matchedPrefix < steps.length && steps[matchedPrefix]!.match) matchedPrefix++;
  return { promptIds: split.prompt, steps, verbatim: x.memorized, matchedPrefix };
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
