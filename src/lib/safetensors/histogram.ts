/** Summary statistics and a fixed-bin histogram of a tensor's values, for charts and screen readers. */

/** What a histogram of a tensor shows. */
export interface ValueHistogram {
  /** Finite values counted. */
  count: number;
  /** NaN and ±Infinity values, left out of the bins. */
  nonFinite: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  /** `bins` equal-width bins from min to max (the last bin includes max). */
  counts: number[];
}

/** Bins the finite values of `values` into `bins` equal-width bins between their min and max. */
export function valueHistogram(values: ArrayLike<number>, bins = 40): ValueHistogram {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`bins must be a positive integer, not ${bins}`);
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
  }
  const counts = new Array<number>(bins).fill(0);
  if (count === 0) return { count, nonFinite: values.length, min: Number.NaN, max: Number.NaN, mean: Number.NaN, std: Number.NaN, counts };
  const mean = sum / count;
  let sq = 0;
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    sq += (v - mean) ** 2;
    const b = width > 0 ? Math.min(bins - 1, Math.floor((v - min) / width)) : 0;
    counts[b]!++;
  }
  return { count, nonFinite: values.length - count, min, max, mean, std: Math.sqrt(sq / count), counts };
}
