/**
 * Composes the pure pieces into what the playground shows: a next-token distribution reshaped
 * by temperature, top-k, top-p and min-p, without asking the model again.
 */
import type { NextTokenDistribution } from '../engine/types.ts';
import { entropyBits } from './entropy.ts';
import { minPCount } from './min-p.ts';
import type { SamplingSettings } from './settings.ts';
import { softmax } from './softmax.ts';
import { temperatureProbs } from './temperature.ts';
import { topKCount } from './top-k.ts';
import { topPCount } from './top-p.ts';

/** Which filter decided the cut (the one that kept the fewest), or null when all are kept. */
export type CutBy = 'greedy' | 'topK' | 'topP' | 'minP' | null;

/** A distribution after the reader's settings, ready to draw and sample from. */
export interface ReshapedDistribution {
  /** Candidate ids, most likely first (the engine's order). */
  ids: Int32Array;
  /** Each candidate's probability at temperature 1 (the model's own belief). */
  baseProbs: Float64Array;
  /** Each candidate's probability after temperature and filters; 0 beyond `kept`. */
  probs: Float64Array;
  /** How many leading candidates survive the filters (≥ 1 when there are candidates). */
  kept: number;
  /** How many each filter alone would keep. */
  counts: { topK: number; topP: number; minP: number };
  /** The filter responsible for the cut. */
  cutBy: CutBy;
  /**
   * Mass at temperature 1 of tokens the engine did not send (a large model sends only its top;
   * they cannot be sampled). 0 for the built-in model, which sends the whole vocabulary.
   */
  unsentMass: number;
  /** Entropy in bits of the model's own distribution (unsent tokens counted as one lump). */
  baseEntropyBits: number;
  /** Entropy in bits of the reshaped distribution that sampling uses. */
  entropyBits: number;
}

/** Applies temperature, then top-k, top-p and min-p, then renormalizes what is kept. */
export function reshapeDistribution(dist: NextTokenDistribution, s: SamplingSettings): ReshapedDistribution {
  const n = dist.ids.length;
  let baseProbs: Float64Array = new Float64Array(n);
  let sent = 0;
  if (Number.isFinite(dist.logSumExp)) {
    for (let i = 0; i < n; i++) {
      const p = Math.exp(dist.logits[i] - dist.logSumExp);
      baseProbs[i] = Number.isNaN(p) ? 0 : p;
      sent += baseProbs[i];
    }
  } else {
    // logSumExp ±∞ (every logit −∞, or some +∞): exp(logit − logSumExp) is NaN. Take the limit
    // over the sent candidates instead (softmax: +∞ share the mass, all −∞ means uniform) and
    // count nothing as unsent, since nothing about the tail is known.
    baseProbs = softmax(dist.logits);
    sent = n > 0 ? 1 : 0;
  }
  const unsentMass = Math.min(1, Math.max(0, 1 - sent));
  const tempered = temperatureProbs(dist.logits, s.temperature);
  // Hugging Face's order: temperature, top-k, then top-p on what top-k left (renormalized), then
  // min-p (a ratio to the top token, so renormalizing does not change it).
  const afterK = topKCount(n, s.topK);
  let massK = 0;
  for (let i = 0; i < afterK; i++) massK += tempered[i];
  const withinK = tempered.slice(0, afterK).map((p) => (massK > 0 ? p / massK : 0));
  const counts = { topK: afterK, topP: topPCount(withinK, s.topP), minP: minPCount(tempered, s.minP) };
  let kept = Math.min(counts.topK, counts.topP, counts.minP);
  let cutBy: CutBy = null;
  if (s.temperature === 0) {
    kept = Math.min(kept, 1);
    cutBy = n > 1 ? 'greedy' : null;
  } else if (kept < n) {
    cutBy = kept === counts.topK ? 'topK' : kept === counts.topP ? 'topP' : 'minP';
  }
  const probs = new Float64Array(n);
  let mass = 0;
  for (let i = 0; i < kept; i++) mass += tempered[i];
  if (mass > 0) for (let i = 0; i < kept; i++) probs[i] = tempered[i] / mass;
  else if (kept > 0) probs[0] = 1;
  const baseEntropyBits = entropyBits(baseProbs) + (unsentMass > 0 ? -unsentMass * Math.log2(unsentMass) : 0);
  return { ids: dist.ids, baseProbs, probs, kept, counts, cutBy, unsentMass, baseEntropyBits, entropyBits: entropyBits(probs) };
}
