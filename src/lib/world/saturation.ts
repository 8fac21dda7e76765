/**
 * The saturation sweep (docs/capacity.md, issue #13): the same micro GPT-2 shapes, each trained on
 * worlds of growing size at a fixed number of exposures per person, so that stored bits can be
 * read against the world's bits. A model smaller than its world stores what it can hold and no
 * more: the curve leaves the diagonal (a perfect memory) and flattens. Allen-Zhu & Li
 * (arXiv:2404.05405) measure the flat part at about 2 bits per parameter after 1,000 exposures.
 *
 * Pure: this module only plans the runs. The world text is made and tokenized in TypeScript
 * (src/tools/saturation-data.ts), trained on a GPU by scripts/gpu/train_world.py, and measured
 * back in TypeScript (src/tools/saturation-sweep.ts) with the same capacity measure as the sweep.
 */
import type { WorldSpec } from './world.ts';

/** One model shape of the sweep (the micro sizes of src/tools/train.ts, plus their learning rates). */
export interface SaturationShape { id: string; nEmbd: number; nLayer: number; nHead: number; lr: number }

/**
 * The shapes: 8.7 K to 669 K parameters at vocabulary 2,048 (the embeddings are most of the small
 * ones). micro-4 to micro-32 are the capacity sweep's shapes; micro-64 and micro-128 were added
 * after the first GPU run showed micro-32 storing at most about 1,200 bits.
 */
export const SATURATION_SHAPES: readonly SaturationShape[] = [
  { id: 'micro-4', nEmbd: 4, nLayer: 1, nHead: 1, lr: 1e-2 },
  { id: 'micro-8', nEmbd: 8, nLayer: 1, nHead: 2, lr: 1e-2 },
  { id: 'micro-16', nEmbd: 16, nLayer: 1, nHead: 2, lr: 1e-2 },
  { id: 'micro-32', nEmbd: 32, nLayer: 2, nHead: 2, lr: 6e-3 },
  { id: 'micro-64', nEmbd: 64, nLayer: 2, nHead: 2, lr: 3e-3 },
  { id: 'micro-128', nEmbd: 128, nLayer: 2, nHead: 4, lr: 2e-3 },
];

/**
 * World sizes in people, 283 to 56,618 bits. Nested: every world is drawn from the same seed,
 * person by person, so the first 125 people of the 3,000-person world are the 125-person world.
 * 3,000 is close to the limit of distinct English names the generator can draw (64 × 54 = 3,456).
 * The worlds under 125 people were added after the first GPU run, to see the part of the curve
 * where a model still holds its whole world.
 */
export const SATURATION_PEOPLE: readonly number[] = [15, 30, 60, 125, 250, 500, 1000, 2000, 3000];

/** Biographies per person in the text (alternately Chinese and English, phrasings drawn anew). */
export const SATURATION_APPEARANCES = 10;

/** Times training shows each person's biography: the regime where Allen-Zhu & Li measure ≈ 2 bits per parameter. */
export const SATURATION_EXPOSURES = 1000;

/** Context of the training windows, as the micro sweep. */
export const SATURATION_CONTEXT = 64;

/** About the fewest optimizer steps of any run (rounding can take off a few), and the most windows in one step. */
export const MIN_STEPS = 2000;
export const MAX_BATCH = 512;

/** The world of `people` people, each told SATURATION_APPEARANCES times. */
export function saturationWorld(people: number): WorldSpec {
  if (!Number.isInteger(people) || people < 1) throw new Error(`world size must be a positive integer, got ${people}`);
  return { seed: 20261205, groups: [{ people, appearances: SATURATION_APPEARANCES }] };
}

/** One training run: a shape on a world, with its schedule. */
export interface SaturationJob {
  id: string; shape: string; people: number;
  nEmbd: number; nLayer: number; nHead: number; context: number; vocabSize: number;
  steps: number; batch: number; lr: number; warmup: number; weightDecay: number; seed: number;
  /** The world's token file (little-endian uint16), relative to the manifest. */
  tokens: string; corpusTokens: number;
  /** steps × batch × context. */
  tokensSeen: number;
  /** tokensSeen ÷ corpusTokens × appearances: how often training showed one person's biography. */
  exposures: number;
}

/**
 * The schedule of one run: enough windows for SATURATION_EXPOSURES exposures of every person, in
 * at least MIN_STEPS steps of at most MAX_BATCH windows (small worlds get small batches, so they
 * get as many updates as the next ones, not fewer).
 */
export function saturationSchedule(corpusTokens: number, exposures = SATURATION_EXPOSURES, context = SATURATION_CONTEXT): { steps: number; batch: number; tokensSeen: number; exposures: number } {
  if (!(corpusTokens > 0)) throw new Error(`corpus must hold tokens, got ${corpusTokens}`);
  const windows = Math.ceil((corpusTokens * exposures) / SATURATION_APPEARANCES / context);
  let steps = Math.max(MIN_STEPS, Math.ceil(windows / MAX_BATCH));
  const batch = Math.max(1, Math.ceil(windows / steps));
  steps = Math.ceil(windows / batch);
  const tokensSeen = steps * batch * context;
  return { steps, batch, tokensSeen, exposures: Math.round(((tokensSeen / corpusTokens) * SATURATION_APPEARANCES) * 10) / 10 };
}

/** Every run of the sweep: each shape on each world. */
export function saturationJobs(worlds: readonly { people: number; tokens: string; corpusTokens: number }[], vocabSize: number): SaturationJob[] {
  const jobs: SaturationJob[] = [];
  for (const shape of SATURATION_SHAPES) {
    for (const w of worlds) {
      const s = saturationSchedule(w.corpusTokens);
      jobs.push({
        id: `${shape.id}-w${w.people}`, shape: shape.id, people: w.people,
        nEmbd: shape.nEmbd, nLayer: shape.nLayer, nHead: shape.nHead, context: SATURATION_CONTEXT, vocabSize,
        steps: s.steps, batch: s.batch, lr: shape.lr, warmup: Math.round(s.steps * 0.05), weightDecay: 0.01, seed: 1,
        tokens: w.tokens, corpusTokens: w.corpusTokens, tokensSeen: s.tokensSeen, exposures: s.exposures,
      });
    }
  }
  return jobs;
}
