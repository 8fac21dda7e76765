import { describe, expect, test } from 'vitest';
import { rankBucket } from '../../../../src/lib/sampling/rank-buckets.ts';

describe('rankBucket', () => {
  test("uses GLTR's boundaries 10, 100, 1000", () => {
    expect([1, 10, 11, 100, 101, 1000, 1001].map(rankBucket)).toEqual([
      'top10', 'top10', 'top100', 'top100', 'top1000', 'top1000', 'beyond',
    ]);
  });
});
