import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createArithmeticDecoder, createArithmeticEncoder, MAX_TOTAL } from '../../../../src/lib/coding/arithmetic-coder.ts';
import { cumulativeFrequencies, symbolAt } from '../../../../src/lib/coding/frequencies.ts';

/** Codes `symbols`, each under its own frequency table, and decodes them back. */
function roundTrip(tables: Uint32Array[], symbols: number[]): { decoded: number[]; bytes: number } {
  const enc = createArithmeticEncoder();
  symbols.forEach((s, i) => {
    const cum = tables[i]!;
    enc.encode(cum[s]!, cum[s + 1]! - cum[s]!, cum[cum.length - 1]!);
  });
  const out = enc.finish();
  const dec = createArithmeticDecoder(out);
  const decoded = symbols.map((_, i) => {
    const cum = tables[i]!;
    const total = cum[cum.length - 1]!;
    const s = symbolAt(cum, dec.target(total));
    dec.consume(cum[s]!, cum[s + 1]! - cum[s]!, total);
    return s;
  });
  return { decoded, bytes: out.length };
}

describe('arithmetic coder', () => {
  test('decodes exactly what it encoded, for any frequency tables and symbols', () => {
    const step = fc.array(fc.nat(1000), { minLength: 1, maxLength: 40 }).chain((weights) =>
      fc.tuple(fc.constant(weights), fc.nat(weights.length - 1)),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const tables = steps.map(([w]) => cumulativeFrequencies(w, 1 << 16));
        const symbols = steps.map(([, s]) => s);
        expect(roundTrip(tables, symbols).decoded).toEqual(symbols);
      }),
      { numRuns: 300 },
    );
  });

  test('survives extreme skew: symbols of frequency 1 out of 2^24, many in a row', () => {
    const weights = new Float64Array(8);
    weights[0] = 1;
    const cum = cumulativeFrequencies(weights, MAX_TOTAL);
    expect(cum[2]! - cum[1]!).toBe(1);
    const symbols = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 7 : 0));
    expect(roundTrip(symbols.map(() => cum), symbols).decoded).toEqual(symbols);
  });

  test('its output is within a few bytes of the information content', () => {
    // 10,000 symbols at p = 1/2, 1/4, 1/4: entropy 1.5 bits each = 1875 bytes.
    const cum = Uint32Array.of(0, 2, 3, 4);
    const symbols = Array.from({ length: 10_000 }, (_, i) => [0, 1, 0, 2][i % 4]!);
    const { decoded, bytes } = roundTrip(symbols.map(() => cum), symbols);
    expect(decoded).toEqual(symbols);
    expect(bytes).toBeGreaterThanOrEqual(1875);
    expect(bytes).toBeLessThanOrEqual(1880);
  });

  test('a certain symbol (the whole interval) costs nothing', () => {
    const cum = Uint32Array.of(0, 5);
    expect(roundTrip(Array(1000).fill(cum), Array(1000).fill(0)).bytes).toBeLessThanOrEqual(1);
  });

  test('rejects intervals outside the total and totals above 2^24', () => {
    const enc = createArithmeticEncoder();
    expect(() => enc.encode(3, 2, 4)).toThrow(RangeError);
    expect(() => enc.encode(0, 0, 4)).toThrow(RangeError);
    expect(() => enc.encode(0, 1, MAX_TOTAL + 1)).toThrow(RangeError);
  });
});

describe('cumulativeFrequencies', () => {
  test('gives every symbol at least 1, even with probability 0, NaN or negative', () => {
    const cum = cumulativeFrequencies([0.7, 0, Number.NaN, -1, 0.3], 1000);
    for (let i = 0; i < 5; i++) expect(cum[i + 1]! - cum[i]!).toBeGreaterThanOrEqual(1);
    expect(cum[5]!).toBeLessThanOrEqual(1000);
    expect(cum[1]! - cum[0]!).toBe(1 + Math.floor(0.7 * 995));
  });

  test('is proportional to the probabilities and never exceeds the budget', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 300 }), (p) => {
        const cum = cumulativeFrequencies(p, 1 << 16);
        expect(cum[0]).toBe(0);
        expect(cum[p.length]!).toBeLessThanOrEqual(1 << 16);
        for (let i = 0; i < p.length; i++) expect(cum[i + 1]!).toBeGreaterThan(cum[i]!);
      }),
    );
  });

  test('an all-zero distribution becomes uniform', () => {
    expect(Array.from(cumulativeFrequencies([0, 0, 0]))).toEqual([0, 1, 2, 3]);
  });

  test('symbolAt finds the interval holding a target', () => {
    const cum = Uint32Array.of(0, 1, 1 + 5, 6 + 2);
    expect([0, 1, 5, 6, 7].map((t) => symbolAt(cum, t))).toEqual([0, 1, 1, 2, 2]);
  });
});
