/**
 * What the playground shows, derived from the model's answer: the chart's bars, the mass below
 * them, and the continuation's text. Pure functions of their inputs (no signals, no engine), so
 * the view's numbers can be checked without a model.
 */
import type { ReshapedDistribution } from '../../lib/sampling/distribution.ts';
import type { SamplingSettings } from '../../lib/sampling/settings.ts';
import { textWithLooseBytes } from '../../lib/format/tokens-display.ts';

/** How many candidates the chart can show. */
export const CHART_SIZE = 50;
/** How many it shows until the reader asks for all of them: enough to see the cut-offs at work. */
export const CHART_SIZE_SHORT = 15;

/** One bar of the chart. */
export interface CandidateRow {
  rank: number;
  id: number;
  text: string;
  /** Probability at temperature 1. */
  baseProb: number;
  /** Probability after the reader's settings (0 when cut). */
  prob: number;
  kept: boolean;
}

/** The mass of everything below the chart. */
export interface ChartTail {
  /** How many tokens of the vocabulary the chart does not show. */
  count: number;
  /** Their probability at temperature 1. */
  baseMass: number;
  /** Their probability after the settings. */
  mass: number;
}

/** The first `size` candidates as bars, with their texts (empty until the engine told them). */
export function chartRows(r: ReshapedDistribution, texts: ReadonlyMap<number, string>, size: number): CandidateRow[] {
  const n = Math.min(size, r.ids.length);
  const out: CandidateRow[] = [];
  for (let i = 0; i < n; i++) {
    const id = r.ids[i];
    out.push({ rank: i + 1, id, text: texts.get(id) ?? '', baseProb: r.baseProbs[i], prob: r.probs[i], kept: i < r.kept });
  }
  return out;
}

/**
 * Mass of everything below the chart, at temperature 1 and after the settings. A real model sends
 * only its top candidates: the tail is the rest of its whole vocabulary (`vocabSize`), and its
 * base mass includes what was not sent (1 − Σ sent, from logSumExp).
 */
export function chartTail(r: ReshapedDistribution, size: number, vocabSize: number): ChartTail {
  const n = Math.min(size, r.ids.length);
  let base = 0;
  let now = 0;
  for (let i = 0; i < n; i++) {
    base += r.baseProbs[i];
    now += r.probs[i];
  }
  const vocab = Math.max(vocabSize, r.ids.length);
  return { count: vocab - n, baseMass: Math.max(0, 1 - base), mass: Math.max(0, 1 - now) };
}

/**
 * True when the probabilities sampling uses are the model's own, so the chart need not show two
 * per token. Not so when a real model sent only its top candidates: those are renormalized (the
 * rest cannot be drawn), and the reader should still see the model's own, smaller numbers.
 */
export function isUntouched(s: SamplingSettings, r: ReshapedDistribution | null): boolean {
  return s.temperature === 1 && s.topK === 0 && s.topP === 1 && s.minP === 0 && (r?.unsentMass ?? 0) <= 1e-6;
}

/**
 * The generated text after the prompt. A sampled token may hold part of a character whose rest
 * has not come yet (or never will): the decoded text then holds U+FFFD, so the continuation is
 * rebuilt from its tokens' bytes and such bytes show as ⟨e5⟩ (src/lib/format/tokens-display.ts).
 * Bytes nobody knows (a real model reports only U+FFFD for such a token) show as ⟨?⟩.
 */
export function continuationText(
  prompt: string,
  fullText: string,
  path: readonly number[],
  texts: ReadonlyMap<number, string>,
  bytes: ReadonlyMap<number, Uint8Array>,
): string {
  const text = fullText.startsWith(prompt) ? fullText.slice(prompt.length) : fullText;
  if (!text.includes('\uFFFD')) return text;
  const unknown = path.some((id) => !bytes.has(id) && (texts.get(id) ?? '\uFFFD').includes('\uFFFD'));
  if (unknown) return text.replace(/\uFFFD+/g, '⟨?⟩');
  const encoder = new TextEncoder();
  const parts = path.map((id) => bytes.get(id) ?? encoder.encode(texts.get(id)!));
  const all = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of parts) {
    all.set(b, at);
    at += b.length;
  }
  return textWithLooseBytes(all);
}
