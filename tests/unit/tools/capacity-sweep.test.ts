import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { markdownTable, nonEmbeddingParams, REFERENCE, sweepRow, sweepWorld } from '../../../src/tools/capacity-sweep.ts';
import { choiceModel } from '../../../src/tools/eval.ts';
import { MICRO_SIZES, modelDir, SIZES } from '../../../src/tools/train.ts';
import { gpt2ParamCount, initialValues, type Gpt2Config } from '../../../src/lib/train/gpt2.ts';
import { loadTokenizer } from '../../../src/lib/tokenizer/tokenizer.ts';
import { serializeSafetensors } from '../../../src/lib/safetensors/index.ts';
import { f32Tensors } from '../../../src/tools/train/export.ts';
import { toHfConfig } from '../../../src/lib/train/hf-config.ts';
import { parseGptConfig } from '../../../src/lib/tinylm/config.ts';
import { loadGptWeights } from '../../../src/lib/tinylm/weights.ts';
import { createGptRunner, type GptRunner } from '../../../src/lib/tinylm/model.ts';
import { ATTRIBUTES, bitsPerPerson, drawPeople, probe, type WorldSpec } from '../../../src/lib/world/world.ts';
import { measureCapacity } from '../../../src/lib/world/capacity.ts';

const tokenizer = loadTokenizer(JSON.parse(readFileSync('public/models/tokenizer.json', 'utf8')) as object);
const spec: WorldSpec = { seed: 11, groups: [{ people: 2, appearances: 1 }, { people: 2, appearances: 10 }] };
const people = drawPeople(spec);

/**
 * A runner that knows the true value of every probe of the 10× group with certainty: after a
 * probe prompt (and the answer's tokens so far) it puts a logit of 60 on the answer's next token
 * and 0 elsewhere; after anything else it is flat. What it stores is known exactly.
 */
function knowingRunner(): GptRunner {
  const next = new Map<string, number>();
  for (const p of people.filter((q) => q.appearances === 10)) for (const a of ATTRIBUTES) for (const lang of ['zh', 'en'] as const) {
    const { prompt, answer } = probe(a, p, lang);
    const ids = tokenizer.encode(prompt);
    const ans = tokenizer.encode(answer);
    ans.forEach((id, k) => next.set([...ids, ...ans.slice(0, k)].join(','), id));
    next.set([...ids, ...ans].join(','), tokenizer.encode('。')[0]!);
  }
  const v = tokenizer.vocabSize;
  return {
    config: { vocabSize: v, contextLength: 64, dModel: 8, nLayer: 1, nHead: 1, layerNormEpsilon: 1e-5 },
    chunkRows: 1,
    chunkLogits: new Float32Array(v),
    nextLogits(ids) {
      const logits = new Float32Array(v);
      const id = next.get(Array.from(ids).join(','));
      if (id !== undefined) logits[id] = 60;
      return logits;
    },
    runChunk() {},
    reset() {},
  };
}

describe('the capacity measure through the real tokenizer and engine interface', () => {
  test('a model certain of the 10× people stores log₂(choices) bits per fact for them and 0 for the rest', () => {
    const c = measureCapacity(choiceModel(knowingRunner(), tokenizer), people, 10);
    const [once, often] = c.groups;
    expect(once!.bitsPerPerson).toBe(0);
    expect(often!.bitsPerPerson).toBeCloseTo(bitsPerPerson(), 3); // the summary rounds to 4 decimals
    expect(c.bits).toBeCloseTo(2 * bitsPerPerson(), 1); // rounded to 0.1 bit
    expect(often!.recall).toBe(1);
    // A flat model's greedy answer is token 0 repeated: not a value of any set, so noise.
    expect(once!.hallucination.noise).toBe(once!.facts);
  });

  test('an untrained micro GPT-2 stores nothing and its wrong answers are counted', () => {
    const config: Gpt2Config = { vocabSize: tokenizer.vocabSize, nPositions: 64, nEmbd: 8, nLayer: 1, nHead: 2 };
    const bytes = serializeSafetensors(f32Tensors(config, initialValues(config, 3)));
    const gpt = parseGptConfig(toHfConfig(config));
    const runner = createGptRunner(loadGptWeights(bytes, gpt).weights, gpt);
    const c = measureCapacity(choiceModel(runner, tokenizer), people, 1);
    expect(c.bits).toBe(0);
    expect(c.hallucination.wrong + Math.round(c.recall * 16)).toBe(16);
    expect(c.hallucination.plausible + c.hallucination.noise).toBe(c.hallucination.wrong);
  });
});

describe('the sweep', () => {
  test('spans more than 8× in parameters, trains on the world alone, and stays out of public/', () => {
    const counts = Object.values(MICRO_SIZES).map((r) => gpt2ParamCount({ vocabSize: 2048, nPositions: r.context!, nEmbd: r.nEmbd, nLayer: r.nLayer, nHead: r.nHead }));
    expect(Math.max(...counts) / Math.min(...counts)).toBeGreaterThan(8);
    for (const [id, r] of Object.entries(MICRO_SIZES)) {
      expect(SIZES[id]).toBe(r);
      expect(r.corpus).toBe('world');
      expect(r.nEmbd % r.nHead).toBe(0);
      expect(modelDir(r)).toBe(`.cache/sweep/${id}`);
    }
    expect(modelDir(SIZES['rich-m']!)).toBe('public/models/rich-m');
  });

  test('counts the parameters outside the token and position tables', () => {
    const c: Gpt2Config = { vocabSize: 2048, nPositions: 64, nEmbd: 16, nLayer: 1, nHead: 2 };
    // One block: 2 LayerNorms (4·16), attention 16·48 + 48 + 16·16 + 16, MLP 16·64 + 64 + 64·16 + 16; final LayerNorm 2·16.
    expect(nonEmbeddingParams(c)).toBe(64 + 768 + 48 + 256 + 16 + 1024 + 64 + 1024 + 16 + 32);
    expect(gpt2ParamCount(c) - nonEmbeddingParams(c)).toBe((2048 + 64) * 16);
  });

  test('a row turns appearances into exposures by the passes training made, and bits into bits per parameter', () => {
    const config: Gpt2Config = { vocabSize: 2048, nPositions: 64, nEmbd: 8, nLayer: 1, nHead: 2 };
    const capacity = measureCapacity(choiceModel(knowingRunner(), tokenizer), people, 10);
    const row = sweepRow('micro-8', config, capacity, { steps: 100, stepsDone: 50, tokensPerStep: 2048, corpusTokens: 20480, finalLoss: 1, seconds: 9 }, 1234);
    expect(row.passes).toBe(5);
    expect(row.capacity.groups.map((g) => g.exposures)).toEqual([5, 50]);
    expect(row.capacity.groups[1]!.bits).toBeCloseTo(2 * bitsPerPerson(), 0);
    expect(row.capacity.bits_per_param).toBeCloseTo(capacity.bits / gpt2ParamCount(config), 4);
    expect(row.capacity.bits_per_nonembedding_param).toBeCloseTo(capacity.bits / 888, 3);
    expect(row.tokens_seen).toBe(102400);
    expect(JSON.stringify(row)).not.toContain('"facts":[');
    const table = markdownTable({ world: sweepWorld((t) => [t.length]), models: [row], reference: REFERENCE, method: '', command: '' }).split('\n');
    expect(table).toHaveLength(3);
    expect(table[2]).toContain('| micro-8 | 17,784 | 888 | 50/100 | 102,400 |');
    expect(table[2]).toContain(`${row.capacity.groups[1]!.bitsPerPerson} (50)`);
  });

  test('describes its world: 300 people, 18.87 bits each', () => {
    const w = sweepWorld((t) => [...t].map((ch) => ch.codePointAt(0)!));
    expect(w.people).toBe(300);
    expect(w.bits).toBeCloseTo(300 * bitsPerPerson(), 1);
    expect(w.attributes.map((a) => a.choices)).toEqual([50, 30, 20, 16]);
    expect(w.chanceRecall).toBeCloseTo((1 / 50 + 1 / 30 + 1 / 20 + 1 / 16) / 4, 4);
    expect(w.corpus_tokens).toBeGreaterThan(100_000);
  });
});
