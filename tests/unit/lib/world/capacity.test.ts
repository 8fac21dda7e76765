import { describe, expect, test } from 'vitest';
import { ATTRIBUTES, bitsPerPerson, drawPeople, probe, SWEEP_WORLD_SPEC, worldText, type Person, type WorldSpec } from '../../../../src/lib/world/world.ts';
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

describe('the capacity measure, exactly', () => {
  test('certainty of every true value is log₂(choices) bits per fact; a uniform guess is 0', () => {
    const certain = measureCapacity(microModel(1, 1), people, 100);
    for (const g of certain.groups) expect(g.bitsPerPerson).toBeCloseTo(bitsPerPerson(), 3);
    expect(certain.bits).toBeCloseTo(certain.worldBits, 1);
    const uniform = measureCapacity(microModel(1e9, 1), people, 100);
    expect(uniform.bits).toBe(0);
    expect(uniform.bitsInSet).toBe(0);
  });

  test('splits each exposure group\'s wrong answers on its own', () => {
    const c = measureCapacity(microModel(8, 0.9), people, 100);
    expect(c.groups[0]!.hallucination).toEqual({ wrong: 48, plausible: 48, noise: 0, plausibleShare: 1 });
    expect(c.groups[1]!.hallucination).toEqual({ wrong: 0, plausible: 0, noise: 0, plausibleShare: 0 });
  });
});

describe('the verdict on a greedy answer', () => {
  test('a value must end where the output says it does: "19999" is noise, "1999年" is a year', () => {
    const model = (suffix: string): ChoiceModel => ({
      logProbs: (_prompt, continuations) => continuations.map(() => Math.log(1 / continuations.length)),
      greedy: (prompt) => {
        const p = people.find((q) => prompt.startsWith(q.zh) || prompt.startsWith(q.en))!;
        const lang = prompt.startsWith(p.zh) ? 'zh' : 'en';
        const a = ATTRIBUTES.find((x) => probe(x, p, lang).prompt === prompt)!;
        return `${probe(a, p, lang).answer}${suffix}`;
      },
    });
    expect(measureCapacity(model('9'), people, 1).hallucination.noise).toBe(16);
    expect(measureCapacity(model('x'), people, 1).recall).toBe(0);
    expect(measureCapacity(model('年。'), people, 1).recall).toBe(1);
    expect(measureCapacity(model('.'), people, 1).recall).toBe(1);
  });
});

describe('the sweep\'s world', () => {
  test('tells each person as many times as their group says, the same text for the same seed', () => {
    const small: WorldSpec = { seed: 3, groups: [{ people: 3, appearances: 1 }, { people: 3, appearances: 5 }] };
    const text = worldText(small);
    expect(worldText(small)).toBe(text);
    for (const p of drawPeople(small)) {
      const told = text.split('\n\n').filter((d) => d.includes(p.zh) || d.includes(p.en)).length;
      expect(told).toBe(p.appearances);
    }
  });

  test('holds 300 people, 100 at each of 1, 3 and 10 appearances: 5,661.8 bits', () => {
    expect(SWEEP_WORLD_SPEC.groups).toEqual([{ people: 100, appearances: 1 }, { people: 100, appearances: 3 }, { people: 100, appearances: 10 }]);
    expect(300 * bitsPerPerson()).toBeCloseTo(5661.8, 1);
  });
});
