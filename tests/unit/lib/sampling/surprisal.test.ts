import { describe, expect, test } from 'vitest';
import { surprisalTotals, tokenBits } from '../../../../src/lib/sampling/surprisal.ts';

describe('surprisalTotals', () => {
  test('two tokens each at p = 1/4 cost 4 bits; perplexity 4', () => {
    const t = surprisalTotals([Math.log(0.25), Math.log(0.25)], 2);
    expect(t.bits).toBeCloseTo(4, 12);
    expect(t.bitsPerByte).toBeCloseTo(2, 12);
    expect(t.perplexity).toBeCloseTo(4, 12);
  });
  test('a certain token costs nothing', () => {
    expect(tokenBits(0)).toBeCloseTo(0, 12);
  });
  test('no tokens: perplexity is undefined, not 1', () => {
    expect(surprisalTotals([], 0).perplexity).toBeNaN();
  });
});
