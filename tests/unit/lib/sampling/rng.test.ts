import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mulberry32, rngForStep } from '../../../../src/lib/sampling/rng.ts';

describe('mulberry32', () => {
  test('the same seed gives the same stream; draws lie in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const a = mulberry32(seed);
        const b = mulberry32(seed);
        for (let i = 0; i < 20; i++) {
          const x = a();
          expect(b()).toBe(x);
          expect(x >= 0 && x < 1).toBe(true);
        }
      }),
    );
  });

  test('different seeds give different streams', () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  test('is roughly uniform', () => {
    const r = mulberry32(42);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(r() * 10)]++;
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
});

describe('rngForStep', () => {
  test('is a function of seed and position only', () => {
    expect(rngForStep(7, 3)()).toBe(rngForStep(7, 3)());
    expect(rngForStep(7, 3)()).not.toBe(rngForStep(7, 4)());
    expect(rngForStep(7, 3)()).not.toBe(rngForStep(8, 3)());
  });
});
