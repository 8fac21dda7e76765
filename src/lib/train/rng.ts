/** Seeded pseudo-random numbers, so corpus shuffles, weight init and batches are reproducible. */
import { mulberry32 } from '../sampling/rng.ts';

/** A mulberry32 generator: returns floats in [0, 1) from a 32-bit seed (the sampler's own). */
export const createRng: (seed: number) => () => number = mulberry32;

/** Fisher–Yates shuffle of a copy of `items`, driven by `rng`. */
export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
