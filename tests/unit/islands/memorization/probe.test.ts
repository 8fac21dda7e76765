import { describe, expect, test } from 'vitest';
import { extractionByRepetition, probeMemorization, splitForProbe } from '../../../../src/islands/memorization/probe.ts';
import type { Engine, NextTokenDistribution } from '../../../../src/lib/engine/types.ts';

/** A fake engine over characters that "memorized" one string: it predicts the next character of it. */
function engineThatKnows(memorized: string): Engine {
  const codes = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
  const known = codes(memorized);
  return {
    tokenize: async (text: string) => codes(text),
    detokenize: async (ids: number[]) => String.fromCodePoint(...ids),
    async nextTokenDistribution(ids: number[]): Promise<NextTokenDistribution> {
      const next = ids.every((id, i) => known[i] === id) && ids.length < known.length ? known[ids.length]! : 63; // "?"
      return { ids: Int32Array.of(next), logits: Float32Array.of(0), logSumExp: 0 };
    },
  } as unknown as Engine;
}

describe('splitForProbe', () => {
  test('gives half the tokens as prompt and keeps at least one token on each side', () => {
    expect(splitForProbe([1, 2, 3, 4])).toEqual({ prompt: [1, 2], rest: [3, 4] });
    expect(splitForProbe([1, 2])).toEqual({ prompt: [1], rest: [2] });
    expect(splitForProbe([1, 2, 3], 0.99)).toEqual({ prompt: [1, 2], rest: [3] });
    expect(splitForProbe([1])).toBeNull();
  });
});

describe('probeMemorization', () => {
  test('a memorized passage comes back verbatim', async () => {
    const r = await probeMemorization(engineThatKnows('法国的首都是巴黎。'), '法国的首都是巴黎。');
    expect(r?.verbatim).toBe(true);
    expect(r?.steps.every((s) => s.match)).toBe(true);
  });

  test('a passage it does not know fails at the first token that differs, and generation continues from its own tokens', async () => {
    const r = await probeMemorization(engineThatKnows('abcdef'), 'abcxyz');
    expect(r?.verbatim).toBe(false);
    expect(r?.matchedPrefix).toBe(0);
    expect(r?.steps.map((s) => String.fromCodePoint(s.got)).join('')).toBe('def');
  });
});

describe('probeMemorization uses the shared definition of memorized', () => {
  test('a model that spells the rest with other tokens still reproduces it: memorized, as eval.json counts it', async () => {
    // Token 1000 is the two characters "ef" at once; the passage's own tokens are one character each.
    const codes = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
    const text = (ids: number[]) => ids.map((id) => (id === 1000 ? 'ef' : String.fromCodePoint(id))).join('');
    const engine = {
      tokenize: async (t: string) => codes(t),
      detokenize: async (ids: number[]) => text(ids),
      async nextTokenDistribution(ids: number[]): Promise<NextTokenDistribution> {
        const sofar = text(ids);
        const next = sofar === 'abc' ? codes('d')[0]! : sofar === 'abcd' ? 1000 : 63;
        return { ids: Int32Array.of(next), logits: Float32Array.of(0), logSumExp: 0 };
      },
    } as unknown as Engine;
    const r = await probeMemorization(engine, 'abcdef', { promptFraction: 0.5 });
    expect(r?.verbatim).toBe(true);
    // The token-by-token view still shows where the spelling differs.
    expect(r?.steps.map((s) => s.match)).toEqual([true, false]);
  });
});

describe('extractionByRepetition', () => {
  test('groups by repetition count, fewest first, with the verbatim share', () => {
    const rows = extractionByRepetition([
      { repetitions: 32, verbatim: true },
      { repetitions: 1, verbatim: false },
      { repetitions: 32, verbatim: false },
      { repetitions: 1, verbatim: false },
    ]);
    expect(rows).toEqual([
      { repetitions: 1, total: 2, extracted: 0, rate: 0 },
      { repetitions: 32, total: 2, extracted: 1, rate: 0.5 },
    ]);
  });
});
