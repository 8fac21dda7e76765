import fc from 'fast-check';

/** Logits as a model might emit them, including huge and tiny magnitudes. */
export const logitsArb = fc.array(
  fc.oneof(
    fc.double({ min: -50, max: 50, noNaN: true }),
    fc.double({ min: -1e4, max: 1e4, noNaN: true }),
    fc.constantFrom(1e30, -1e30, 0),
  ),
  { minLength: 1, maxLength: 64 },
);

/** Probabilities sorted from most to least likely, summing to 1. */
export const sortedProbsArb = fc
  .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 64 })
  .filter((xs) => xs.reduce((a, b) => a + b, 0) > 1e-9)
  .map((xs) => {
    const sum = xs.reduce((a, b) => a + b, 0);
    return xs.map((x) => x / sum).sort((a, b) => b - a);
  });

/** Sum of a probability vector. */
export function total(xs: ArrayLike<number>, n = xs.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  return s;
}
