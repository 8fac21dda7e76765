/** Shannon entropy in bits of a distribution (zero-probability entries contribute nothing). */
export function entropyBits(probs: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (p > 0) h -= p * Math.log2(p);
  }
  // −0 and tiny negative rounding both read as "no uncertainty".
  return Math.max(0, h);
}
