import { describe, expect, test } from 'vitest';
import { topKCount } from '../../../../src/lib/sampling/top-k.ts';

describe('topKCount', () => {
  test('keeps the first k, never more than there are', () => {
    expect(topKCount(10, 3)).toBe(3);
    expect(topKCount(2, 3)).toBe(2);
  });
  test('0 means off', () => {
    expect(topKCount(10, 0)).toBe(10);
  });
});
