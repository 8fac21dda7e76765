/**
 * `npm run capacity-sweep [-- micro-8 micro-16 …] [--sample N]`: measures the capacity sweep's
 * micro models (trained by `npm run train -- --size micro-*` into .cache/sweep/<id>/) on the world
 * they read (SWEEP_WORLD_SPEC) and writes one results file, public/models/capacity-sweep.json
 * (format: docs/capacity.md). Bits stored against parameters (all of them, and without the
 * embeddings, which at vocabulary 2,048 are most of a micro model) and against exposures per fact;
 * recall; and the hallucination split. Models not named keep their rows from the existing file, so
 * a sweep can be measured as its runs finish.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { parseGptConfig } from '../lib/tinylm/config.ts';
import { createGptRunner } from '../lib/tinylm/model.ts';
import { loadGptWeights } from '../lib/tinylm/weights.ts';
import { loadTokenizer } from '../lib/tokenizer/tokenizer.ts';
import { gpt2ParamCount, type Gpt2Config } from '../lib/train/gpt2.ts';
import { fromHfConfig } from '../lib/train/hf-config.ts';
import { ATTRIBUTES, bitsPerPerson, drawPeople, SWEEP_WORLD_SPEC, worldText, type WorldSpec } from '../lib/world/world.ts';
import { measureCapacity, type Capacity, type Hallucination } from '../lib/world/capacity.ts';
import { choiceModel } from './eval.ts';
import { MICRO_SIZES, modelDir, SWEEP_CORPUS } from './train.ts';
import { runTool } from './run-tool.ts';

/** Where the results go: beside the model index, read by the site at build time. */
export const SWEEP_RESULTS = 'public/models/capacity-sweep.json';

/** Parameters outside the token and position embeddings (the output head is tied to wte). */
export function nonEmbeddingParams(c: Gpt2Config): number {
  return gpt2ParamCount(c) - (c.vocabSize + c.nPositions) * c.nEmbd;
}

/** One exposure group of one model, as the results file holds it. */
export interface SweepGroup {
  appearances: number;
  /** Expected times training showed one of the group's biographies: appearances × passes. */
  exposures: number;
  people: number; sampled: number; facts: number;
  bitsPerPerson: number; bitsInSetPerPerson: number;
  /** bitsPerPerson × people: the group's share of `bits`. */
  bits: number;
  recall: number;
  hallucination: Hallucination;
}

/** One model of the sweep. */
export interface SweepModel {
  id: string;
  nEmbd: number; nLayer: number; nHead: number; context: number;
  params: number; nonEmbeddingParams: number;
  /** The F32 safetensors file. */
  bytes: number;
  steps: number; stepsDone: number; tokens_seen: number;
  /** Passes over the world text: tokens_seen ÷ corpus tokens. */
  passes: number;
  finalLoss: number; trainSeconds: number;
  capacity: {
    bits: number; bitsInSet: number; worldBits: number;
    bits_per_param: number; bits_per_nonembedding_param: number;
    recall: number; groups: SweepGroup[];
  };
  hallucination: Hallucination;
}

/** The whole results file. */
export interface SweepResults {
  world: {
    spec: WorldSpec; people: number; bits: number; bitsPerPerson: number;
    /** Recall of a guesser that picks a value of each set uniformly: the mean of 1 ÷ set size. */
    chanceRecall: number;
    attributes: { id: string; choices: number; bits: number }[];
    corpus: string; corpus_bytes: number; corpus_tokens: number;
  };
  models: SweepModel[];
  reference: { exposures: number; bits_per_param: number; source: string }[];
  method: string;
  command: string;
}

const r = (x: number, k: number) => Math.round(x * 10 ** k) / 10 ** k;

/** A model's row from its measured capacity and its training log. */
export function sweepRow(id: string, config: Gpt2Config, capacity: Capacity, log: { steps: number; stepsDone?: number; tokensPerStep: number; corpusTokens: number; finalLoss: number; seconds: number }, bytes: number): SweepModel {
  const params = gpt2ParamCount(config);
  const nonEmbedding = nonEmbeddingParams(config);
  const stepsDone = log.stepsDone ?? log.steps;
  const tokensSeen = log.tokensPerStep * stepsDone;
  const passes = tokensSeen / log.corpusTokens;
  const { facts: _facts, ...c } = capacity;
  return {
    id, nEmbd: config.nEmbd, nLayer: config.nLayer, nHead: config.nHead, context: config.nPositions,
    params, nonEmbeddingParams: nonEmbedding, bytes, steps: log.steps, stepsDone, tokens_seen: tokensSeen,
    passes: r(passes, 3), finalLoss: log.finalLoss, trainSeconds: log.seconds,
    capacity: {
      bits: c.bits, bitsInSet: c.bitsInSet, worldBits: c.worldBits,
      bits_per_param: r(c.bits / params, 5), bits_per_nonembedding_param: r(c.bits / nonEmbedding, 5),
      recall: c.recall,
      groups: c.groups.map((g) => ({
        appearances: g.appearances, exposures: r(g.appearances * passes, 1), people: g.people, sampled: g.sampled, facts: g.facts,
        bitsPerPerson: g.bitsPerPerson, bitsInSetPerPerson: g.bitsInSetPerPerson, bits: r(g.bitsPerPerson * g.people, 1),
        recall: g.recall, hallucination: g.hallucination,
      })),
    },
    hallucination: c.hallucination,
  };
}

/** The world's row: what a perfect memory of it would hold, and the text the sweep trained on. */
export function sweepWorld(encode: (text: string) => number[]): SweepResults['world'] {
  const text = worldText(SWEEP_WORLD_SPEC);
  const people = SWEEP_WORLD_SPEC.groups.reduce((n, g) => n + g.people, 0);
  return {
    spec: SWEEP_WORLD_SPEC, people, bits: r(people * bitsPerPerson(), 1), bitsPerPerson: r(bitsPerPerson(), 3),
    chanceRecall: r(ATTRIBUTES.reduce((t, x) => t + 1 / x.values.length, 0) / ATTRIBUTES.length, 4),
    attributes: ATTRIBUTES.map((a) => ({ id: a.id, choices: a.values.length, bits: r(Math.log2(a.values.length), 3) })),
    corpus: SWEEP_CORPUS, corpus_bytes: Buffer.byteLength(text), corpus_tokens: encode(text).length,
  };
}

/** Allen-Zhu & Li's GPT-2 capacity ratios by exposures (arXiv:2404.05405; /work/shared/facts.md). */
export const REFERENCE = [
  { exposures: 100, bits_per_param: 1, source: 'Allen-Zhu & Li, arXiv:2404.05405: GPT-2 on bioS, ≈ 1 bit/param at 100 exposures per fact' },
  { exposures: 1000, bits_per_param: 2, source: 'Allen-Zhu & Li, arXiv:2404.05405: ≈ 2 bits/param at 1,000 exposures (Morris et al., arXiv:2505.24832, measure ≈ 3.6 for GPT-style models)' },
];

/** Measures one trained micro model. */
export function measureSweepModel(id: string, sample: number): SweepModel {
  const dir = modelDir(MICRO_SIZES[id]!);
  const rawConfig = JSON.parse(readFileSync(`${dir}/config.json`, 'utf8')) as Record<string, unknown>;
  const config = parseGptConfig(rawConfig);
  const { weights } = loadGptWeights(new Uint8Array(readFileSync(`${dir}/model.safetensors`)), config);
  const tokenizer = loadTokenizer(JSON.parse(readFileSync(`${dir}/tokenizer.json`, 'utf8')) as object);
  const capacity = measureCapacity(choiceModel(createGptRunner(weights, config), tokenizer), drawPeople(SWEEP_WORLD_SPEC), sample);
  const log = JSON.parse(readFileSync(`${dir}/train-log.json`, 'utf8')) as Parameters<typeof sweepRow>[3];
  return sweepRow(id, fromHfConfig(rawConfig), capacity, log, statSync(`${dir}/model.safetensors`).size);
}

/** The results as a Markdown table (the README's), one row per model. */
export function markdownTable(results: SweepResults): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const groups = results.models[0]?.capacity.groups.map((g) => g.appearances) ?? [];
  const head = ['model', 'params', 'non-emb. params', 'steps', 'tokens seen', 'bits', 'bits/param', 'bits/non-emb. param', 'recall', ...groups.map((a) => `bits/person ×${a} (exposures)`), ...groups.map((a) => `recall ×${a}`), 'wrong: plausible / noise'];
  const rows = results.models.map((m) => [
    m.id, n(m.params), n(m.nonEmbeddingParams), `${m.stepsDone}/${m.steps}`, n(m.tokens_seen), n(m.capacity.bits),
    String(m.capacity.bits_per_param), String(m.capacity.bits_per_nonembedding_param), String(m.capacity.recall),
    ...m.capacity.groups.map((g) => `${g.bitsPerPerson} (${g.exposures})`), ...m.capacity.groups.map((g) => String(g.recall)),
    `${m.hallucination.plausible} / ${m.hallucination.noise} (${Math.round(m.hallucination.plausibleShare * 100)} % plausible)`,
  ]);
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function main(args: string[]): void {
  const at = args.indexOf('--sample');
  const sample = at >= 0 ? Number(args[at + 1]) : 100;
  if (!Number.isInteger(sample) || sample < 1) throw new Error('--sample must be a positive integer (people per exposure group)');
  const named = at >= 0 ? args.filter((_, i) => i !== at && i !== at + 1) : args;
  for (const id of named) if (!MICRO_SIZES[id]) throw new Error(`unknown sweep model ${id}: one of ${Object.keys(MICRO_SIZES).join(', ')}`);
  const wanted = named.length > 0 ? named : Object.keys(MICRO_SIZES).filter((id) => existsSync(`${modelDir(MICRO_SIZES[id]!)}/model.safetensors`));
  if (wanted.length === 0) throw new Error('no trained sweep model: run `npm run train -- --size micro-8` (and the other micro-* sizes) first');
  const tokenizer = loadTokenizer(JSON.parse(readFileSync('public/models/tokenizer.json', 'utf8')) as object);
  const world = sweepWorld((t) => tokenizer.encode(t));
  const previous = existsSync(SWEEP_RESULTS) ? (JSON.parse(readFileSync(SWEEP_RESULTS, 'utf8')) as SweepResults) : null;
  // Rows measured on another world, or of a model trained by another recipe, would not be comparable: keep only matching ones.
  const current = (m: SweepModel) => { const r = MICRO_SIZES[m.id]; return r !== undefined && r.steps === m.steps && r.nEmbd === m.nEmbd && r.nLayer === m.nLayer && r.batch * (r.context ?? 0) * m.stepsDone === m.tokens_seen; };
  const kept = previous && JSON.stringify(previous.world) === JSON.stringify(world) ? previous.models.filter((m) => !wanted.includes(m.id) && current(m)) : [];
  const models = [...kept];
  for (const id of wanted) {
    const t0 = Date.now();
    const row = measureSweepModel(id, sample);
    models.push(row);
    const c = row.capacity;
    console.log(`${id}: ${row.params} params (${row.nonEmbeddingParams} non-embedding), ${row.stepsDone}/${row.steps} steps, ${row.passes} passes; ${c.bits} bits = ${c.bits_per_param} per param, ${c.bits_per_nonembedding_param} per non-embedding param; recall ${c.recall}; ${c.groups.map((g) => `${g.exposures}×: ${g.bitsPerPerson} bits/person, recall ${g.recall}`).join('; ')}; wrong ${row.hallucination.wrong}, plausible ${row.hallucination.plausible}, noise ${row.hallucination.noise} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const order = Object.keys(MICRO_SIZES);
  models.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const results: SweepResults = {
    world, models, reference: REFERENCE,
    method: `Allen-Zhu & Li's knowledge capacity (arXiv:2404.05405), src/lib/world/capacity.ts: per attribute, log₂(set size) minus the model's cross-entropy of the true value after the probe prompt (the first phrasing; zh and en averaged), clamped at 0 per attribute over each exposure group, × the group's people; ${sample} people per group scored. exposures = appearances × passes over the world text. Hallucination split: wrong greedy answers that are a value of the attribute's set (plausible) or anything else (noise).`,
    command: 'for s in micro-4 micro-8 micro-16 micro-32; do npm run train -- --size $s; done; npm run capacity-sweep',
  };
  writeFileSync(`${SWEEP_RESULTS}.tmp`, `${JSON.stringify(results, null, 1)}\n`);
  renameSync(`${SWEEP_RESULTS}.tmp`, SWEEP_RESULTS);
  console.log(`wrote ${SWEEP_RESULTS}\n\n${markdownTable(results)}`);
}

runTool(import.meta.url, main);
