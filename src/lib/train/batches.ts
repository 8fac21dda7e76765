/** Training batches: random windows of a token stream, drawn with a seeded generator. */

/** Inputs and next-token targets, each [batch][context]. */
export interface Batch { inputs: number[][]; targets: number[][] }

/** `batch` windows of `context + 1` tokens at offsets drawn from `rng`; targets are inputs shifted by one. */
export function randomBatch(tokens: readonly number[], batch: number, context: number, rng: () => number): Batch {
  if (tokens.length < context + 1) throw new Error(`need at least ${context + 1} tokens, got ${tokens.length}`);
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let b = 0; b < batch; b++) {
    const start = Math.floor(rng() * (tokens.length - context));
    const window = tokens.slice(start, start + context + 1);
    inputs.push(window.slice(0, context));
    targets.push(window.slice(1));
  }
  return { inputs, targets };
}

/** Consecutive non-overlapping windows covering `tokens` (for evaluating a loss on a whole text). */
export function sequentialWindows(tokens: readonly number[], context: number): Batch {
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let start = 0; start + 1 < tokens.length; start += context) {
    const window = tokens.slice(start, Math.min(tokens.length, start + context + 1));
    inputs.push(window.slice(0, -1));
    targets.push(window.slice(1));
  }
  return { inputs, targets };
}
