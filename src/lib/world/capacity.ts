/**
 * How much of the synthetic world a model stores, in bits (Allen-Zhu & Li, arXiv:2404.05405,
 * "knowledge capacity"): for each attribute, N·log₂(number of choices) minus the model's summed
 * cross-entropy of the N people's true values given the probe prompt, clamped at 0 per attribute
 * (so noise in single facts does not count as knowledge), summed over attributes. And what it
 * says when it is wrong: a plausible value of the attribute's set (another city, another year in
 * range) or noise. The model is reached through two small functions, so the measure runs on any
 * engine, and on a mock distribution in tests.
 */
import { ATTRIBUTES, probe, type Attribute, type Person } from './world.ts';

/** The model, as the measure sees it. */
export interface ChoiceModel {
  /** ln p(continuation | prompt) for each continuation: the sum over its tokens. */
  logProbs(prompt: string, continuations: readonly string[]): number[];
  /** The model's greedy continuation of `prompt`, at least `minChars` characters when it can. */
  greedy(prompt: string, minChars: number): string;
}

/** One measured fact. */
export interface FactScore {
  person: number; attribute: Attribute['id']; lang: 'zh' | 'en'; appearances: number;
  /** log₂ of the set size: what a perfect memory holds about this fact. */
  maxBits: number;
  /** −log₂ p(true value | prompt), the value's tokens scored by the model over its whole vocabulary. */
  crossEntropyBits: number;
  /** The same, with p renormalised over the set's values only (the model told the answer is one of them). */
  crossEntropyInSetBits: number;
  /** maxBits − crossEntropyBits (negative when the model is worse than a uniform guess over the set). */
  gain: number;
  gainInSet: number;
  /** Greedy answer: the true value, another value of the set, or something else. */
  verdict: 'correct' | 'plausible' | 'noise';
  output: string;
}

/** Scores one fact of one person in one language. */
export function scoreFact(model: ChoiceModel, people: readonly Person[], index: number, attribute: Attribute, lang: 'zh' | 'en'): FactScore {
  const person = people[index]!;
  const { prompt, answer, choices } = probe(attribute, person, lang);
  const lp = model.logProbs(prompt, choices);
  const truth = choices.indexOf(answer);
  const max = Math.max(...lp);
  const logSum = max + Math.log(lp.reduce((s, x) => s + Math.exp(x - max), 0));
  const ce = -lp[truth]! / Math.LN2;
  const ceSet = -(lp[truth]! - logSum) / Math.LN2;
  const maxBits = Math.log2(choices.length);
  const longest = Math.max(...choices.map((c) => c.length));
  const output = model.greedy(prompt, longest + 1);
  // The longest value the output starts with (so "New York" is not read as a shorter value), and
  // that ends there: "19999" is not the year 1999, nor "Romeo" the city Rome.
  const said = choices.filter((c) => output.startsWith(c) && !/^[0-9A-Za-z]/.test(output.slice(c.length))).sort((a, b) => b.length - a.length)[0];
  const verdict = said === answer ? 'correct' : said !== undefined ? 'plausible' : 'noise';
  return {
    person: index, attribute: attribute.id, lang, appearances: person.appearances, maxBits,
    crossEntropyBits: ce, crossEntropyInSetBits: ceSet,
    gain: maxBits - ce, gainInSet: maxBits - ceSet, verdict, output,
  };
}

/** One exposure group's summary. */
export interface GroupCapacity {
  appearances: number; people: number; sampled: number; facts: number;
  /** Stored bits per person (the four attributes, each clamped at 0 over the group; the two languages averaged). */
  bitsPerPerson: number; bitsInSetPerPerson: number;
  recall: number;
  /** The group's wrong greedy answers: a value of the set (plausible) or anything else (noise). */
  hallucination: Hallucination;
}

/** Wrong answers split: a plausible value of the attribute's set, or noise. */
export interface Hallucination { wrong: number; plausible: number; noise: number; plausibleShare: number }

/** The hallucination split of some scored facts. */
export function hallucinationSplit(facts: readonly FactScore[]): Hallucination {
  const wrong = facts.filter((f) => f.verdict !== 'correct');
  const plausible = wrong.filter((f) => f.verdict === 'plausible').length;
  return { wrong: wrong.length, plausible, noise: wrong.length - plausible, plausibleShare: round(plausible / Math.max(1, wrong.length), 3) };
}

/** The whole measurement. */
export interface Capacity {
  /** Estimated bits stored about the whole world: Σ over groups of bitsPerPerson × people. */
  bits: number;
  bitsInSet: number;
  /** What a perfect memory of the whole world would hold. */
  worldBits: number;
  groups: GroupCapacity[];
  recall: number;
  hallucination: Hallucination;
  facts: FactScore[];
}

const round = (x: number, k = 4) => Math.round(x * 10 ** k) / 10 ** k;

/**
 * Measures the model on the first `perGroup` people of each exposure group (the world's order is
 * random, so these are a random sample), every attribute, both languages; bits per person average
 * the two languages. Groups are people with the same number of appearances.
 */
export function measureCapacity(model: ChoiceModel, people: readonly Person[], perGroup: number): Capacity {
  const byGroup = new Map<number, number[]>();
  people.forEach((p, i) => byGroup.set(p.appearances, [...(byGroup.get(p.appearances) ?? []), i]));
  const facts: FactScore[] = [];
  const groups: GroupCapacity[] = [];
  let bits = 0;
  let bitsInSet = 0;
  let worldBits = 0;
  const perPersonMax = ATTRIBUTES.reduce((s, a) => s + Math.log2(a.values.length), 0);
  for (const [appearances, members] of [...byGroup].sort((a, b) => a[0] - b[0])) {
    const sample = members.slice(0, perGroup);
    const mine: FactScore[] = [];
    for (const i of sample) for (const a of ATTRIBUTES) for (const lang of ['zh', 'en'] as const) mine.push(scoreFact(model, people, i, a, lang));
    facts.push(...mine);
    // Per attribute: mean gain over the sample (both languages averaged), clamped at 0.
    const perPerson = (key: 'gain' | 'gainInSet') => ATTRIBUTES.reduce((s, a) => {
      const rows = mine.filter((f) => f.attribute === a.id);
      return s + Math.max(0, rows.reduce((t, f) => t + f[key], 0) / Math.max(1, rows.length));
    }, 0);
    const g: GroupCapacity = {
      appearances, people: members.length, sampled: sample.length, facts: mine.length,
      bitsPerPerson: round(perPerson('gain')), bitsInSetPerPerson: round(perPerson('gainInSet')),
      recall: round(mine.filter((f) => f.verdict === 'correct').length / Math.max(1, mine.length), 3),
      hallucination: hallucinationSplit(mine),
    };
    groups.push(g);
    bits += perPerson('gain') * members.length;
    bitsInSet += perPerson('gainInSet') * members.length;
    worldBits += perPersonMax * members.length;
  }
  const hallucination = hallucinationSplit(facts);
  return {
    bits: round(bits, 1), bitsInSet: round(bitsInSet, 1), worldBits: round(worldBits, 1), groups,
    recall: round((facts.length - hallucination.wrong) / Math.max(1, facts.length), 3),
    hallucination,
    facts,
  };
}
