import { describe, expect, test } from 'vitest';
import { ATTRIBUTES, bitsPerPerson, drawPeople, probe, type Person, type WorldSpec } from '../../../../src/lib/world/world.ts';
import { measureCapacity, type ChoiceModel } from '../../../../src/lib/world/capacity.ts';

const spec: WorldSpec = { seed: 7, groups: [{ people: 6, appearances: 1 }, { people: 4, appearances: 8 }] };
const people = drawPeople(spec);

/** Looks a probe prompt up: whose fact is it, and what is the true value? */
function answers(ps: readonly Person[]): Map<string, { person: Person; answer: string; choices: string[] }> {
  const m = new Map<string, { person: Person; answer: string; choices: string[] }>();
  for (const person of ps) for (const a of ATTRIBUTES) for (const lang of ['zh', 'en'] as const) {
    const p = probe(a, person, lang);
    m.set(p.prompt, { person, answer: p.answer, choices: p.choices });
  }
  return m;
}

/**
 * A micro "model" whose distribution we know exactly: for people seen `knowsFrom` or more times it
 * puts probability `pTrue` on the true value and spreads the rest evenly over the other values of
 * the set; for the others it is uniform over the set. Its greedy answer is the true value when it
 * knows the person, else the set's first value that is wrong (a plausible guess), or noise when asked to.
 */
function microModel(knowsFrom: number, pTrue: number, noise = false): ChoiceModel {
  const table = answers(people);
  return {
    logProbs(prompt, continuations) {
      const row = table.get(prompt)!;
      const k = continuations.length;
      const knows = row.person.appearances >= knowsFrom;
      return continuations.map((c) => Math.log(knows ? (c === row.answer ? pTrue : (1 - pTrue) / (k - 1)) : 1 / k));
    },
    greedy(prompt) {
      const row = table.get(prompt)!;
      if (row.person.appearances >= knowsFrom) return `${row.answer}。`;
      return noise ? 'zzz' : `${row.choices.find((c) => c !== row.answer)!}。`;
    },
  };
}

describe('measureCapacity', () => {
  test('a model that knows the 8× people perfectly stores exactly their bits, and nothing about the others', () => {
    const c = measureCapacity(microModel(8, 1 - 1e-12), people, 100);
    expect(c.worldBits).toBeCloseTo(10 * bitsPerPerson(), 0);
    expect(c.bits).toBeCloseTo(4 * bitsPerPerson(), 0);
    expect(c.groups.map((g) => g.appearances)).toEqual([1, 8]);
    expect(c.groups[0]!.bitsPerPerson).toBeCloseTo(0, 6);
    expect(c.groups[1]!.recall).toBe(1);
    expect(c.recall).toBeCloseTo(0.4, 3);
  });

  test('half the probability on the truth stores log₂(choices) − 1 bits per fact', () => {
    const c = measureCapacity(microModel(1, 0.5), people, 100);
    const expected = ATTRIBUTES.reduce((s, a) => s + Math.log2(a.values.length) - 1, 0);
    expect(c.groups[0]!.bitsPerPerson).toBeCloseTo(expected, 4);
    expect(c.bits).toBeCloseTo(10 * expected, 0);
  });

  test('a model worse than a uniform guess counts as 0 bits, never negative', () => {
    const c = measureCapacity(microModel(1, 1e-6), people, 100);
    expect(c.bits).toBe(0);
    expect(c.groups.every((g) => g.bitsPerPerson === 0)).toBe(true);
  });

  test('scales a sampled group up to its size', () => {
    const c = measureCapacity(microModel(8, 1 - 1e-12), people, 2);
    expect(c.groups[1]!.sampled).toBe(2);
    expect(c.bits).toBeCloseTo(4 * bitsPerPerson(), 0);
  });

  test('splits wrong answers into plausible values of the set and noise', () => {
    const plausible = measureCapacity(microModel(8, 0.9), people, 100).hallucination;
    expect(plausible.wrong).toBe(6 * 4 * 2);
    expect(plausible.plausibleShare).toBe(1);
    const noise = measureCapacity(microModel(8, 0.9, true), people, 100).hallucination;
    expect(noise.noise).toBe(noise.wrong);
    expect(noise.plausibleShare).toBe(0);
  });
});

describe('the world', () => {
  test('is the same for the same seed and different for another', () => {
    expect(drawPeople(spec)).toEqual(people);
    expect(drawPeople({ ...spec, seed: 8 })).not.toEqual(people);
  });

  test('gives every person unique names and values inside each set', () => {
    const big = drawPeople({ seed: 1, groups: [{ people: 2000, appearances: 1 }] });
    expect(new Set(big.map((p) => p.zh)).size).toBe(2000);
    expect(new Set(big.map((p) => p.en)).size).toBe(2000);
    for (const p of big) for (const a of ATTRIBUTES) expect(p.attrs[a.id]).toBeLessThan(a.values.length);
  });

  test('puts the value right after the probe prompt, an English value after its space', () => {
    const p = people[0]!;
    const zh = probe(ATTRIBUTES[1]!, p, 'zh');
    expect(zh.prompt).toBe(`${p.zh}的家乡是`);
    const en = probe(ATTRIBUTES[0]!, p, 'en');
    expect(en.prompt).toBe(`${p.en} was born in the year`);
    expect(en.answer).toBe(` ${1950 + p.attrs.year}`);
  });
});
