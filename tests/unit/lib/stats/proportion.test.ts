import { describe, expect, test } from 'vitest';
import { compareShares, differenceInterval, wilson } from '../../../../src/lib/stats/proportion.ts';

describe('wilson', () => {
  test('matches published values (Newcombe 1998, table I)', () => {
    // 81/263: 0.2553–0.3662; 15/148: 0.0624–0.1605; 0/10: 0–0.2775; 1/29: 0.0061–0.1718.
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 10, 0, 0.2775],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of cases) {
      const w = wilson(k, n);
      expect(w.lo).toBeCloseTo(lo, 4);
      expect(w.hi).toBeCloseTo(hi, 4);
    }
  });

  test('six of six is not "certainly always": the interval reaches down to 61 %', () => {
    const w = wilson(6, 6);
    expect(w.rate).toBe(1);
    expect(w.hi).toBe(1);
    expect(w.lo).toBeCloseTo(0.61, 2);
  });

  test('more items, narrower interval', () => {
    expect(wilson(60, 120).hi - wilson(60, 120).lo).toBeLessThan(wilson(3, 6).hi - wilson(3, 6).lo);
  });

  test('refuses counts that are not counts', () => {
    expect(() => wilson(7, 6)).toThrow(/0 ≤ k ≤ n/);
    expect(() => wilson(-1, 6)).toThrow(RangeError);
    expect(() => wilson(0.5, 6)).toThrow(RangeError);
    expect(wilson(0, 0)).toMatchObject({ lo: 0, hi: 1 });
  });
});

describe('differenceInterval and compareShares', () => {
  test('Newcombe 1998 table II, example (56/70 vs 48/80): 0.0524 to 0.3339', () => {
    const diff = differenceInterval(wilson(56, 70), wilson(48, 80));
    expect(diff.d).toBeCloseTo(0.2, 6);
    expect(diff.lo).toBeCloseTo(0.0524, 3);
    expect(diff.hi).toBeCloseTo(0.3339, 3);
  });

  test('5/6 against 0/6 is clearly higher; 5/6 against 6/6 cannot be told apart', () => {
    expect(compareShares(wilson(5, 6), wilson(0, 6))).toBe('higher');
    expect(compareShares(wilson(0, 6), wilson(5, 6))).toBe('lower');
    expect(compareShares(wilson(5, 6), wilson(6, 6))).toBe('unclear');
    expect(compareShares(wilson(19, 68), wilson(22, 68))).toBe('unclear');
    expect(compareShares(wilson(0, 0), wilson(6, 6))).toBe('unclear');
  });
});
