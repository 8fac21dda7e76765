/**
 * `npm run saturation-sweep -- DIR [--sample N]`: measures the saturation sweep's models (trained on
 * a GPU by scripts/gpu/train_world.py into DIR, from `npm run saturation-data`'s manifest) with the
 * same capacity measure as the sweep (src/lib/world/capacity.ts), each on the world it read, and
 * writes public/models/saturation-sweep.json (format: docs/capacity.md). Every file is checked
 * before it is used: the manifest's job, the safetensors header against the job's shape, finite
 * weights. Runs missing from DIR are reported and left out; nothing is written if none is there.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseGptConfig } from '../lib/tinylm/config.ts';
import { createGptRunner } from '../lib/tinylm/model.ts';
import { loadGptWeights } from '../lib/tinylm/weights.ts';
import { loadTokenizer } from '../lib/tokenizer/tokenizer.ts';
import { gpt2ParamCount, type Gpt2Config } from '../lib/train/gpt2.ts';
import { toHfConfig } from '../lib/train/hf-config.ts';
import { bitsPerPerson, drawPeople } from '../lib/world/world.ts';
import { measureCapacity, type Hallucination } from '../lib/world/capacity.ts';
import { SATURATION_EXPOSURES, SATURATION_SHAPES, saturationWorld, type SaturationJob } from '../lib/world/saturation.ts';
import { choiceModel } from './eval.ts';
import { nonEmbeddingParams, REFERENCE } from './capacity-sweep.ts';
import { SATURATION_DATA_DIR, type SaturationManifest } from './saturation-data.ts';
import { TOKENIZER_PATH } from './train-tokenizer.ts';
import { runTool } from './run-tool.ts';

/** Where the results go: beside the model index, read by the site at build time. */
export const SATURATION_RESULTS = 'public/models/saturation-sweep.json';

/** One trained run, measured. */
export interface SaturationRun {
  id: string; shape: string; people: number;
  /** What a perfect memory of this world holds. */
  worldBits: number;
  params: number; nonEmbeddingParams: number;
  steps: number; batch: number; tokensSeen: number; exposures: number;
  finalLoss: number; trainSeconds: number; device: string;
  sampled: number;
  bits: number; bitsInSet: number; bitsPerPerson: number;
  bits_per_param: number; recall: number;
  hallucination: Hallucination;
}

/** The results file. */
export interface SaturationResults {
  exposures: number; bitsPerPerson: number;
  worlds: { people: number; bits: number; corpus_bytes: number; corpus_tokens: number }[];
  shapes: { id: string; nEmbd: number; nLayer: number; nHead: number; params: number; nonEmbeddingParams: number }[];
  runs: SaturationRun[];
  reference: typeof REFERENCE;
  method: string;
  command: string;
}

/** Largest logit difference allowed between the trainer's forward pass and ours (both F32; the JSON keeps 5 decimals). */
export const CHECK_TOLERANCE = 2e-3;

const r = (x: number, k: number) => Math.round(x * 10 ** k) / 10 ** k;

/** The training log train_world.py writes beside each model. */
interface TrainLog {
  stepsDone: number; finalLoss: number; seconds: number; device: string; job: SaturationJob;
  /** The trainer's logits after the corpus's first tokens, for checking our forward pass on its file. */
  check: { ids: number[]; logits: number[] };
}

function readTrainLog(path: string, job: SaturationJob): TrainLog {
  let log: unknown;
  try {
    log = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const l = log as Partial<TrainLog>;
  if (typeof l.stepsDone !== 'number' || typeof l.finalLoss !== 'number' || !Number.isFinite(l.finalLoss) || typeof l.seconds !== 'number') {
    throw new Error(`${path}: stepsDone, finalLoss and seconds must be numbers`);
  }
  if (JSON.stringify(l.job) !== JSON.stringify(job)) throw new Error(`${path}: trained from another manifest than this one (job ${job.id} differs)`);
  const check = l.check;
  const ints = (xs: unknown): xs is number[] => Array.isArray(xs) && xs.every((x) => Number.isInteger(x) && x >= 0 && x < job.vocabSize);
  if (!check || !ints(check.ids) || check.ids.length === 0 || check.ids.length > job.context || !Array.isArray(check.logits) || check.logits.length !== job.vocabSize || !check.logits.every(Number.isFinite)) {
    throw new Error(`${path}: check must hold 1–${job.context} token ids and ${job.vocabSize} finite logits`);
  }
  return { stepsDone: l.stepsDone, finalLoss: l.finalLoss, seconds: l.seconds, device: typeof l.device === 'string' ? l.device : 'unknown', job, check };
}

/** Measures one run on its world: `sample` people scored (all of them in a smaller world). */
export function measureRun(dir: string, job: SaturationJob, sample: number, tokenizer: ReturnType<typeof loadTokenizer>, options: { partial?: boolean } = {}): SaturationRun {
  const log = readTrainLog(`${dir}/${job.id}.json`, job);
  if (log.stepsDone !== job.steps && !options.partial) throw new Error(`${dir}/${job.id}.json: ${log.stepsDone} of ${job.steps} steps done (a smoke test's output?)`);
  const gpt: Gpt2Config = { vocabSize: job.vocabSize, nPositions: job.context, nEmbd: job.nEmbd, nLayer: job.nLayer, nHead: job.nHead };
  const config = parseGptConfig(toHfConfig(gpt));
  const { weights } = loadGptWeights(new Uint8Array(readFileSync(`${dir}/${job.id}.safetensors`)), config);
  const runner = createGptRunner(weights, config);
  // Our forward pass on the trainer's file must give the trainer's logits (F32 on both sides).
  runner.reset();
  const logits = runner.nextLogits(log.check.ids);
  const diff = log.check.logits.reduce((m, x, i) => Math.max(m, Math.abs(x - logits[i]!)), 0);
  if (!(diff < CHECK_TOLERANCE)) throw new Error(`${dir}/${job.id}.safetensors: our forward pass differs from the trainer's by up to ${diff} in a logit (tolerance ${CHECK_TOLERANCE}): the file's layout is not the one we read`);
  runner.reset();
  const people = drawPeople(saturationWorld(job.people));
  const c = measureCapacity(choiceModel(runner, tokenizer), people, sample);
  const params = gpt2ParamCount(gpt);
  const g = c.groups[0]!;
  return {
    id: job.id, shape: job.shape, people: job.people, worldBits: c.worldBits,
    params, nonEmbeddingParams: nonEmbeddingParams(gpt),
    steps: job.steps, batch: job.batch, tokensSeen: job.tokensSeen, exposures: job.exposures,
    finalLoss: log.finalLoss, trainSeconds: log.seconds, device: log.device,
    sampled: g.sampled, bits: c.bits, bitsInSet: c.bitsInSet, bitsPerPerson: g.bitsPerPerson,
    bits_per_param: r(c.bits / params, 4), recall: c.recall, hallucination: c.hallucination,
  };
}

/** The results as a Markdown table (the README's): one row per shape, stored bits (recall) per world. */
export function saturationTable(results: Pick<SaturationResults, 'worlds' | 'shapes' | 'runs'>): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const head = ['model', 'params', ...results.worlds.map((w) => `${n(w.people)} people (${n(w.bits)} bits)`)];
  const rows = results.shapes.map((s) => [
    s.id, n(s.params),
    ...results.worlds.map((w) => {
      const run = results.runs.find((r) => r.shape === s.id && r.people === w.people);
      return run ? `${n(run.bits)} (${Math.round(run.recall * 100)} %)` : '–';
    }),
  ]);
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function main(args: string[]): void {
  const at = args.indexOf('--sample');
  const sample = at >= 0 ? Number(args[at + 1]) : 200;
  if (!Number.isInteger(sample) || sample < 1) throw new Error('--sample must be a positive integer (people scored per world)');
  // --partial: measure smoke-test runs stopped early (train_world.py --max-steps) and write nothing.
  const partial = args.includes('--partial');
  const rest = (at >= 0 ? args.filter((_, i) => i !== at && i !== at + 1) : args).filter((a) => a !== '--partial');
  const dir = rest[0];
  if (!dir) throw new Error('usage: npm run saturation-sweep -- DIR [--sample N] [--partial] (DIR: the trained models, from scripts/gpu/train_world.py)');
  const manifestPath = `${SATURATION_DATA_DIR}/manifest.json`;
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run \`npm run saturation-data\` first`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as SaturationManifest;
  const tokenizer = loadTokenizer(JSON.parse(readFileSync(TOKENIZER_PATH, 'utf8')) as object);
  const runs: SaturationRun[] = [];
  for (const job of manifest.jobs) {
    if (!existsSync(`${dir}/${job.id}.json`)) {
      console.log(`${job.id}: not trained (no ${dir}/${job.id}.json), left out`);
      continue;
    }
    const t0 = Date.now();
    const run = measureRun(dir, job, sample, tokenizer, { partial });
    runs.push(run);
    console.log(`${run.id}: world ${run.worldBits} bits, stored ${run.bits} (${run.bits_per_param} per param), recall ${run.recall}, loss ${run.finalLoss}, ${run.hallucination.plausible}/${run.hallucination.wrong} wrong answers plausible (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  if (runs.length === 0) throw new Error(`no trained run in ${dir}`);
  if (partial) return;
  const results: SaturationResults = {
    exposures: SATURATION_EXPOSURES, bitsPerPerson: r(bitsPerPerson(), 3),
    worlds: manifest.worlds.map((w) => ({ people: w.people, bits: r(w.people * bitsPerPerson(), 1), corpus_bytes: w.corpusBytes, corpus_tokens: w.corpusTokens })),
    shapes: SATURATION_SHAPES.map((s) => {
      const gpt: Gpt2Config = { vocabSize: manifest.vocabSize, nPositions: manifest.jobs[0]!.context, nEmbd: s.nEmbd, nLayer: s.nLayer, nHead: s.nHead };
      return { id: s.id, nEmbd: s.nEmbd, nLayer: s.nLayer, nHead: s.nHead, params: gpt2ParamCount(gpt), nonEmbeddingParams: nonEmbeddingParams(gpt) };
    }),
    runs, reference: REFERENCE,
    method: `Allen-Zhu & Li's knowledge capacity (arXiv:2404.05405), src/lib/world/capacity.ts, as the capacity sweep: per attribute, log₂(set size) minus the model's cross-entropy of the true value after the probe prompt (zh and en averaged), clamped at 0, × the world's people; ${sample} people scored per world (all of a smaller one). Every run saw each person's biography ${SATURATION_EXPOSURES} times (src/lib/world/saturation.ts).`,
    command: 'npm run saturation-data; python3 scripts/gpu/train_world.py .gpu/saturation/manifest.json .gpu/saturation-out (on a GPU); npm run saturation-sweep -- .gpu/saturation-out',
  };
  writeFileSync(`${SATURATION_RESULTS}.tmp`, `${JSON.stringify(results, null, 1)}\n`);
  renameSync(`${SATURATION_RESULTS}.tmp`, SATURATION_RESULTS);
  console.log(`wrote ${SATURATION_RESULTS}: ${runs.length} runs\n\n${saturationTable(results)}`);
}

runTool(import.meta.url, main);
