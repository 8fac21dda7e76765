/**
 * GLTR's rank buckets (Gehrmann, Strobelt & Rush 2019): where the actual token sat in the model's
 * ranking. Text a model has seen is mostly top-10; new text reaches further down.
 */

/** The four buckets, most to least expected. */
export const RANK_BUCKETS = ['top10', 'top100', 'top1000', 'beyond'] as const;

/** One of the four rank buckets. */
export type RankBucket = (typeof RANK_BUCKETS)[number];

/** The bucket of a 1-based rank. */
export function rankBucket(rank: number): RankBucket {
  if (rank <= 10) return 'top10';
  if (rank <= 100) return 'top100';
  if (rank <= 1000) return 'top1000';
  return 'beyond';
}
