/**
 * Seeded pseudo-random numbers, so a sampled text can be reproduced from its seed. mulberry32:
 * 32-bit state, good enough statistics for sampling, and identical in every JS engine.
 */

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32 seeded with the low 32 bits of `seed`. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The generator for the token at `position` of a run seeded with `seed`. Deriving it from the
 * position (not from a stream) makes undo-then-step give the same token again, and lets a shared
 * link replay any branch without replaying the draws before it.
 */
export function rngForStep(seed: number, position: number): Rng {
  // Mix seed and position with a multiplicative hash so nearby positions get unrelated streams.
  const mixed = Math.imul((seed >>> 0) ^ Math.imul(position + 1, 0x9e3779b1), 0x85ebca6b) >>> 0;
  return mulberry32(mixed ^ (mixed >>> 13));
}

/** Largest seed the UI accepts: seeds are 32-bit unsigned integers. */
export const MAX_SEED = 0xffffffff;
