import { describe, expect, test } from 'vitest';
import { OOD_FACTOR, OOD_MIN_BYTES, oodReference, oodVerdict, verdictFromTotals } from '../../../../src/lib/sampling/out-of-distribution.ts';
import defaultEval from '../../../../public/models/rich-m-q4/eval.json' with { type: 'json' };

const ref = { model: 'rich-m-q4', train: 0.88, unseen: 3.17 };
const bitsToLogprob = (bits: number) => -bits * Math.LN2;

describe('oodVerdict', () => {
  test('calls a prompt far outside only when it costs more than twice the unseen-text bits per byte', () => {
    // 10 tokens of 3 bytes each at 2.9 bits per byte: like new everyday text, no warning.
    const near = oodVerdict(Array(10).fill(bitsToLogprob(3 * 2.9)), Array(10).fill(3), ref)!;
    expect(near.bitsPerByte).toBeCloseTo(2.9, 6);
    expect(near.far).toBe(false);
    // The same bytes at 8 bits per byte (code, another script): far outside.
    const far = oodVerdict(Array(10).fill(bitsToLogprob(3 * 8)), Array(10).fill(3), ref)!;
    expect(far.far).toBe(true);
    expect(far.threshold).toBeCloseTo(OOD_FACTOR * 3.17, 6);
    expect(far.ratio).toBeCloseTo(8 / 3.17, 6);
  });

  test('does not judge a prompt too short to say anything', () => {
    const short = oodVerdict([bitsToLogprob(60)], [OOD_MIN_BYTES - 1], ref)!;
    expect(short.bitsPerByte).toBeGreaterThan(ref.unseen * OOD_FACTOR);
    expect(short.far).toBe(false);
    expect(oodVerdict([], [], ref)).toBeNull();
    expect(oodVerdict([-1, -1], [3], ref)).toBeNull();
  });

  test('gives the same verdict from summed totals as from the token scores', () => {
    const a = oodVerdict([bitsToLogprob(40), bitsToLogprob(50)], [5, 6], ref)!;
    const b = verdictFromTotals(90, 11, ref)!;
    expect(b).toEqual({ ...a, bitsPerByte: expect.closeTo(a.bitsPerByte, 9), ratio: expect.closeTo(a.ratio, 9) });
    expect(verdictFromTotals(10, 0, ref)).toBeNull();
  });
});

describe('oodReference', () => {
  test('reads the default model\'s measured bits per byte from its committed eval.json', () => {
    const r = oodReference(defaultEval)!;
    expect(r.model).toBe('rich-m-q4');
    expect(r.unseen).toBe(defaultEval.bitsPerByte.unseen);
    expect(r.train).toBeLessThan(r.unseen);
  });

  test('refuses an eval.json without usable figures', () => {
    expect(oodReference(null)).toBeNull();
    expect(oodReference({ model: 'x' })).toBeNull();
    expect(oodReference({ model: 'x', bitsPerByte: { train: 1, unseen: 0 } })).toBeNull();
    expect(oodReference({ model: 'x', bitsPerByte: { train: 'a', unseen: 3 } })).toBeNull();
  });
});
