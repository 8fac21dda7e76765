/**
 * `npm run train -- --size s|m|l|rich-s|rich-m|rich-l [--steps N]`: trains one built-in GPT-2 from a
 * fixed seed and writes public/models/<id>/ (config.json, model.safetensors, tokenizer.json,
 * train-log.json). The tiny-* sizes read the small corpus (public/corpus/corpus.txt) over and over
 * (the memorizers); the rich-* sizes read the large corpus (public/corpus/large/, built by
 * `npm run corpus-large`) through a fixed data mixture (MIXTURE), seeing most of it at most once.
 * The same command reproduces the same weights: the seed fixes the initial values and every batch.
 * Checkpoints overwrite the folder as training goes, so a run stopped early still leaves a usable
 * model; the rich-* runs also keep the optimizer state in .cache/train/<id>/, and the same command
 * resumes from it (delete that folder to start over).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from './train/tfjs-wasm.ts';
import { f32Tensors, writeModelFolder } from './train/export.ts';
import { gpt2FromValues, gpt2Loss, gpt2ParamCount, gpt2Shapes, gpt2Values, initGpt2, type Gpt2, type Gpt2Config } from '../lib/train/gpt2.ts';
import { openSafetensors, serializeSafetensors } from '../lib/safetensors/index.ts';
import { LARGE_CORPUS, type LargeSection } from './corpus-large.ts';
import { createAdam, DEFAULT_ADAM, learningRate, trainStep } from '../lib/train/adam.ts';
import { randomBatch, sequentialWindows } from '../lib/train/batches.ts';
import { createRng } from '../lib/train/rng.ts';
import { loadTokenizer } from '../lib/tokenizer/tokenizer.ts';
import { TOKENIZER_PATH } from './train-tokenizer.ts';
import { writeModelIndex } from './model-index.ts';
import { SWEEP_WORLD_SPEC, worldText } from '../lib/world/world.ts';
import { runTool } from './run-tool.ts';

/** What the sweep's log names as its corpus: the generated text is not a file (worldText(SWEEP_WORLD_SPEC)). */
export const SWEEP_CORPUS = 'src/lib/world/world.ts#SWEEP_WORLD_SPEC';

/**
 * A size's shape and schedule. Measured on the shared 2-core build machine, per 1,024-token step:
 * about 1.5 s for s, 0.8–1 s for m and 1.3–1.5 s for l when the machine is quiet (3–15 s when
 * other jobs load it), so each size trains in 13–26 minutes.
 */
export interface SizeRecipe {
  id: string; nEmbd: number; nLayer: number; nHead: number; steps: number; lr: number; batch: number;
  /** The small corpus (default), the large one through MIXTURE, or the sweep's synthetic world alone. */
  corpus?: 'large' | 'world';
  /** Context length in tokens (default CONTEXT). */
  context?: number;
}

/**
 * The capacity sweep (docs/capacity.md): micro GPT-2s, same architecture and tokenizer, trained on
 * the synthetic world SWEEP_WORLD_SPEC alone, 64-token windows, 8 per step. 3,000 steps = 1,536,000
 * tokens ≈ 15.8 passes over its 97,428 tokens, so its three groups are seen ≈ 16, 47 and 158 times.
 * 10.7× in parameters from micro-4 to micro-32 (101× without the embeddings). Why 8 windows: timed
 * here (nice 19, load ≈ 8 on 2 cores), a step of 8 windows takes 0.1 s for micro-8 and 0.26 s for
 * micro-32, one of 32 windows 1.1–1.3 s for both, so small batches buy 4× more updates for the
 * same arithmetic; a first run at 476 steps of 32 windows (micro-8: 1,391 s, final loss 2.48
 * nats) had not learnt even the biographies' phrasing and stored 0 bits. A 3-layer, 48-wide size
 * ran at 10–16 s per 32-window step under load and was dropped.
 */
export const MICRO_SIZES: Record<string, SizeRecipe> = {
  'micro-4': { id: 'micro-4', nEmbd: 4, nLayer: 1, nHead: 1, steps: 3000, lr: 1e-2, batch: 8, context: 64, corpus: 'world' },
  'micro-8': { id: 'micro-8', nEmbd: 8, nLayer: 1, nHead: 2, steps: 3000, lr: 1e-2, batch: 8, context: 64, corpus: 'world' },
  'micro-16': { id: 'micro-16', nEmbd: 16, nLayer: 1, nHead: 2, steps: 3000, lr: 1e-2, batch: 8, context: 64, corpus: 'world' },
  'micro-32': { id: 'micro-32', nEmbd: 32, nLayer: 2, nHead: 2, steps: 3000, lr: 6e-3, batch: 8, context: 64, corpus: 'world' },
  // micro-16 and micro-32 trained twice as long (groups seen ≈ 32, 95 and 315 times): bits against
  // training length. Not run to completion here: started at 03:48 at 0.07–0.11 s per step, they
  // slowed to 0.5–0.8 s per step when the shared machine's load rose, and were stopped at steps
  // 1,350 and 1,200 (an hour short). The same command resumes them from .cache/train/<id>/.
  'micro-16-long': { id: 'micro-16-long', nEmbd: 16, nLayer: 1, nHead: 2, steps: 6000, lr: 1e-2, batch: 8, context: 64, corpus: 'world' },
  'micro-32-long': { id: 'micro-32-long', nEmbd: 32, nLayer: 2, nHead: 2, steps: 6000, lr: 6e-3, batch: 8, context: 64, corpus: 'world' },
};

/** Where a recipe's model folder goes by default: the sweep's micro models stay out of public/. */
export function modelDir(recipe: SizeRecipe): string {
  return recipe.corpus === 'world' ? `.cache/sweep/${recipe.id}` : `public/models/${recipe.id}`;
}

/** The three sizes: tiny-l has more than 10× tiny-s's parameters. */
export const SIZES: Record<string, SizeRecipe> = {
  s: { id: 'tiny-s', nEmbd: 32, nLayer: 2, nHead: 2, steps: 800, lr: 4e-3, batch: 8 },
  m: { id: 'tiny-m', nEmbd: 64, nLayer: 4, nHead: 4, steps: 1000, lr: 3e-3, batch: 8 },
  l: { id: 'tiny-l', nEmbd: 128, nLayer: 4, nHead: 4, steps: 1000, lr: 2.5e-3, batch: 8 },
  // The data-rich models: tiny-s/m/l's shapes, the large corpus. Sized to ~15–25 minutes each on
  // the shared 2-core machine under load (measured 3–4 s per step for rich-m with six other jobs);
  // resumable: the same command continues a stopped run from .cache/train/<id>/.
  'rich-s': { id: 'rich-s', nEmbd: 32, nLayer: 2, nHead: 2, steps: 300, lr: 4e-3, batch: 8, corpus: 'large' },
  'rich-m': { id: 'rich-m', nEmbd: 64, nLayer: 4, nHead: 4, steps: 450, lr: 3e-3, batch: 8, corpus: 'large' },
  'rich-l': { id: 'rich-l', nEmbd: 128, nLayer: 4, nHead: 4, steps: 220, lr: 2.5e-3, batch: 8, corpus: 'large' },
  ...MICRO_SIZES,
};

/**
 * The data mixture of the rich-* models: the share of training windows drawn from each section of
 * the large corpus. The hand-written section (0.6 % of the corpus's tokens) is upweighted, as real
 * pretraining upweights its quality sources, so the site's demos still work; the rest is split
 * between the synthetic world (whose facts we measure) and real text in both languages.
 */
export const MIXTURE: Record<LargeSection['id'], number> = { handwritten: 0.25, world: 0.3, kjv: 0.2, 'classics-zh': 0.25 };

/** Draws a batch from several token streams: each row's stream by `weights`, then a random window in it. */
export function mixtureBatch(streams: { weight: number; tokens: readonly number[] }[], batch: number, context: number, rng: () => number): { inputs: number[][]; targets: number[][] } {
  const total = streams.reduce((a, s) => a + s.weight, 0);
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let b = 0; b < batch; b++) {
    let r = rng() * total;
    let k = 0;
    while (k < streams.length - 1 && r >= streams[k]!.weight) r -= streams[k++]!.weight;
    const one = randomBatch(streams[k]!.tokens, 1, context, rng);
    inputs.push(one.inputs[0]!);
    targets.push(one.targets[0]!);
  }
  return { inputs, targets };
}

/** The large corpus as one token stream per section, with the manifest's rows. */
export function largeCorpusStreams(encode: (text: string) => number[]): { sections: (LargeSection & { tokens: number[] })[] } {
  const gz = readFileSync(LARGE_CORPUS);
  const manifest = JSON.parse(readFileSync(LARGE_CORPUS.replace('corpus.txt.gz', 'manifest.json'), 'utf8')) as { sections: LargeSection[] };
  // Tokenizing 20 MB takes minutes here: cache the ids, keyed by the corpus's and the tokenizer's hashes.
  const key = createHash('sha256').update(gz).update(readFileSync(TOKENIZER_PATH)).digest('hex').slice(0, 16);
  const cache = `.cache/train/large-tokens-${key}.json`;
  if (existsSync(cache)) {
    const ids = JSON.parse(readFileSync(cache, 'utf8')) as number[][];
    return { sections: manifest.sections.map((s, i) => ({ ...s, tokens: ids[i]! })) };
  }
  const text = gunzipSync(gz).toString('utf8');
  const sections = manifest.sections.map((s) => ({ ...s, tokens: encode(text.slice(s.start, s.end)) }));
  mkdirSync('.cache/train', { recursive: true });
  writeFileSync(`${cache}.tmp`, JSON.stringify(sections.map((s) => s.tokens)));
  renameSync(`${cache}.tmp`, cache);
  return { sections };
}
const CONTEXT = 128;
const SEED = 4;
const WARMUP = 50;
const LOG_EVERY = 10;
const CHECKPOINT_EVERY = 50;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function meanLoss(model: Gpt2, tokens: number[], context: number): number {
  const { inputs, targets } = sequentialWindows(tokens, context);
  let total = 0;
  let count = 0;
  inputs.forEach((input, i) => {
    const loss = tf.tidy(() => gpt2Loss(model, [input], [targets[i]!]).dataSync()[0]!);
    total += loss * input.length;
    count += input.length;
  });
  return total / count;
}

async function main(args: string[]): Promise<void> {
  const size = option(args, 'size') ?? '';
  const recipe = SIZES[size];
  if (!recipe) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const steps = Number(option(args, 'steps') ?? recipe.steps);
  const dir = option(args, 'out') ?? modelDir(recipe);
  const context = recipe.context ?? CONTEXT;
  await useWasmBackend();
  const tokenizer = loadTokenizer(JSON.parse(readFileSync(TOKENIZER_PATH, 'utf8')) as object);
  const large = recipe.corpus === 'large' ? largeCorpusStreams((t) => tokenizer.encode(t)).sections : null;
  const tokens = large ? large.flatMap((s) => s.tokens) : tokenizer.encode(recipe.corpus === 'world' ? worldText(SWEEP_WORLD_SPEC) : readFileSync('public/corpus/corpus.txt', 'utf8'));
  const streams = large?.map((s) => ({ weight: MIXTURE[s.id], tokens: s.tokens }));
  const nextBatch = (rng: () => number) => (streams ? mixtureBatch(streams, recipe.batch, context, rng) : randomBatch(tokens, recipe.batch, context, rng));
  const unseen = tokenizer.encode(readFileSync('data/unseen.txt', 'utf8'));
  const config: Gpt2Config = { vocabSize: tokenizer.vocabSize, nPositions: context, nEmbd: recipe.nEmbd, nLayer: recipe.nLayer, nHead: recipe.nHead };
  const ckptDir = option(args, 'checkpoint') ?? `.cache/train/${recipe.id}`;
  // The tiny-* runs are short and start over; the others keep an optimizer state to resume from.
  const resumable = recipe.corpus !== undefined;
  const resume = resumable && existsSync(`${ckptDir}/state.json`) ? (JSON.parse(readFileSync(`${ckptDir}/state.json`, 'utf8')) as { step: number; steps: number; log: Record<string, unknown> }) : null;
  if (resume && resume.steps !== steps) throw new Error(`${ckptDir} holds a run of ${resume.steps} steps, not ${steps}: delete it to start over`);
  let model = initGpt2(config, SEED);
  const adam = createAdam(model);
  const rng = createRng(SEED * 1000 + 1);
  let first = 0;
  if (resume) {
    const file = openSafetensors(new Uint8Array(readFileSync(`${ckptDir}/state.safetensors`)));
    const names = gpt2Shapes(config).map(([n]) => n);
    model = gpt2FromValues(config, Object.fromEntries(names.map((n) => [n, file.float32(n)])));
    for (const n of names) {
      adam.m[n]!.assign(tf.tensor(file.float32(`adam.m.${n}`), adam.m[n]!.shape));
      adam.v[n]!.assign(tf.tensor(file.float32(`adam.v.${n}`), adam.v[n]!.shape));
    }
    adam.step = resume.step;
    // The batches are a function of the seed: replay the draws of the steps already taken.
    for (let i = 0; i < resume.step; i++) nextBatch(rng);
    first = resume.step;
    console.log(`resuming ${recipe.id} at step ${first} from ${ckptDir}`);
  }
  const log = {
    model: recipe.id, params: gpt2ParamCount(config), seed: SEED, steps, batch: recipe.batch, context,
    tokensPerStep: recipe.batch * context, corpusTokens: tokens.length, peakLr: recipe.lr, warmup: WARMUP,
    corpus: large ? LARGE_CORPUS : recipe.corpus === 'world' ? SWEEP_CORPUS : 'public/corpus/corpus.txt',
    mixture: large ? large.map((s) => ({ section: s.id, weight: MIXTURE[s.id], tokens: s.tokens.length })) : undefined,
    optimizer: { ...DEFAULT_ADAM, lr: undefined, schedule: 'linear warmup, cosine to 10 %' },
    backend: tf.getBackend(),
    loss: [] as [number, number][], unseenLoss: [] as [number, number][],
    seconds: 0, finalLoss: 0,
    command: `npm run train -- --size ${size}${option(args, 'steps') ? ` --steps ${steps}` : ''}`,
  };
  if (resume) Object.assign(log, resume.log, { seconds: resume.log.seconds });
  console.log(`${recipe.id}: ${log.params} parameters, ${tokens.length} corpus tokens, ${steps} steps`);
  const t0 = Date.now() - log.seconds * 1000;
  let window: number[] = [];
  const save = (step: number) => {
    log.seconds = Math.round((Date.now() - t0) / 100) / 10;
    if (resumable) {
      // Optimizer state first, atomically, so a stop at any moment leaves a state to resume from.
      mkdirSync(ckptDir, { recursive: true });
      const values = gpt2Values(model);
      const tensors = gpt2Shapes(config).flatMap(([n, shape]) => [
        { name: n, dtype: 'F32' as const, shape, data: values[n]! },
        { name: `adam.m.${n}`, dtype: 'F32' as const, shape, data: adam.m[n]!.dataSync() as Float32Array },
        { name: `adam.v.${n}`, dtype: 'F32' as const, shape, data: adam.v[n]!.dataSync() as Float32Array },
      ]);
      writeFileSync(`${ckptDir}/state.safetensors.tmp`, serializeSafetensors(tensors, { step: String(step) }));
      renameSync(`${ckptDir}/state.safetensors.tmp`, `${ckptDir}/state.safetensors`);
    }
    log.unseenLoss.push([step, Math.round(meanLoss(model, unseen, context) * 1e4) / 1e4]);
    const bytes = writeModelFolder(dir, config, f32Tensors(config, gpt2Values(model)), { steps_trained: String(step) }, TOKENIZER_PATH);
    writeFileSync(`${dir}/train-log.json`, `${JSON.stringify({ ...log, stepsDone: step, bytes }, null, 1)}\n`);
    if (resumable) {
      writeFileSync(`${ckptDir}/state.json.tmp`, `${JSON.stringify({ step, steps, log })}\n`);
      renameSync(`${ckptDir}/state.json.tmp`, `${ckptDir}/state.json`);
    }
    if (option(args, 'out') === undefined && recipe.corpus !== 'world') writeModelIndex();
  };
  for (let step = first; step < steps; step++) {
    const { inputs, targets } = nextBatch(rng);
    const lr = learningRate(step, steps, recipe.lr, WARMUP);
    window.push(trainStep(model, adam, inputs, targets, { ...DEFAULT_ADAM, lr }));
    if ((step + 1) % LOG_EVERY === 0) {
      const mean = window.reduce((a, b) => a + b, 0) / window.length;
      window = [];
      log.loss.push([step + 1, Math.round(mean * 1e4) / 1e4]);
      log.finalLoss = Math.round(mean * 1e4) / 1e4;
      console.log(`step ${step + 1} loss ${mean.toFixed(4)} lr ${lr.toExponential(2)} ${((Date.now() - t0) / (step + 1) / 1000).toFixed(2)} s/step`);
    }
    if ((step + 1) % CHECKPOINT_EVERY === 0 || step + 1 === steps) save(step + 1);
  }
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s, final loss ${log.finalLoss}`);
}

runTool(import.meta.url, main);
