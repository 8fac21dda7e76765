/**
 * How sure a share counted on a few items can be. A widget that shows "6/6 (100%)" must also say
 * that six items leave a wide margin: the Wilson score interval (Wilson 1927) gives that margin,
 * and stays sensible at 0/n and n/n, where the textbook p ± z·√(p(1−p)/n) collapses to a point.
 * Two shares are told apart with Newcombe's (1998, method 10) interval for their difference,
 * built from the two Wilson intervals.
 */

/** A share with its interval, all in [0, 1]. */
export interface Proportion {
  k: number;
  n: number;
  rate: number;
  lo: number;
  hi: number;
}

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/** The Wilson score interval of k successes in n trials; n = 0 gives the whole [0, 1]. */
export function wilson(k: number, n: number, z = Z95): Proportion {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0 || k < 0 || k > n) {
    throw new RangeError(`wilson: need whole numbers 0 ≤ k ≤ n, got k=${k}, n=${n}`);
  }
  if (n === 0) return { k, n, rate: Number.NaN, lo: 0, hi: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 and k = n the bounds are exactly 0 and 1; rounding must not move them.
  return { k, n, rate: p, lo: k === 0 ? 0 : Math.max(0, centre - half), hi: k === n ? 1 : Math.min(1, centre + half) };
}

/** Newcombe's hybrid score interval for a.rate − b.rate (same z as the two Wilson intervals). */
export function differenceInterval(a: Proportion, b: Proportion): { d: number; lo: number; hi: number } {
  const d = a.rate - b.rate;
  return {
    d,
    lo: d - Math.sqrt((a.rate - a.lo) ** 2 + (b.hi - b.rate) ** 2),
    hi: d + Math.sqrt((a.hi - a.rate) ** 2 + (b.rate - b.lo) ** 2),
  };
}

/** How two shares compare at 95 %: a clearly above b, clearly below, or not told apart. */
export function compareShares(a: Proportion, b: Proportion): 'higher' | 'lower' | 'unclear' {
  if (a.n === 0 || b.n === 0) return 'unclear';
  const diff = differenceInterval(a, b);
  return diff.lo > 0 ? 'higher' : diff.hi < 0 ? 'lower' : 'unclear';
}
