/**
 * `npm run train -- --size s|m|l [--steps N]`: trains one built-in GPT-2 from a fixed seed on
 * public/corpus/corpus.txt and writes public/models/tiny-<size>/ (config.json, model.safetensors,
 * tokenizer.json, train-log.json). The same command reproduces the same weights: the seed fixes
 * the initial values and every batch. Checkpoints overwrite the folder as training goes, so a run
 * stopped early still leaves a usable model.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from './train/tfjs-wasm.ts';
import { f32Tensors, writeModelFolder } from './train/export.ts';
import { gpt2Loss, gpt2ParamCount, gpt2Values, initGpt2, type Gpt2, type Gpt2Config } from '../lib/train/gpt2.ts';
import { createAdam, DEFAULT_ADAM, learningRate, trainStep } from '../lib/train/adam.ts';
import { randomBatch, sequentialWindows } from '../lib/train/batches.ts';
import { createRng } from '../lib/train/rng.ts';
import { loadTokenizer } from '../lib/tokenizer/tokenizer.ts';
import { TOKENIZER_PATH } from './train-tokenizer.ts';
import { writeModelIndex } from './model-index.ts';

/**
 * A size's shape and schedule. Measured on the shared 2-core build machine, per 1,024-token step:
 * about 1.5 s for s, 0.8–1 s for m and 1.3–1.5 s for l when the machine is quiet (3–15 s when
 * other jobs load it), so each size trains in 13–26 minutes.
 */
export interface SizeRecipe { id: string; nEmbd: number; nLayer: number; nHead: number; steps: number; lr: number; batch: number }

/** The three sizes: tiny-l has more than 10× tiny-s's parameters. */
export const SIZES: Record<string, SizeRecipe> = {
  s: { id: 'tiny-s', nEmbd: 32, nLayer: 2, nHead: 2, steps: 800, lr: 4e-3, batch: 8 },
  m: { id: 'tiny-m', nEmbd: 64, nLayer: 4, nHead: 4, steps: 1000, lr: 3e-3, batch: 8 },
  l: { id: 'tiny-l', nEmbd: 128, nLayer: 4, nHead: 4, steps: 1000, lr: 2.5e-3, batch: 8 },
};
const CONTEXT = 128;
const SEED = 4;
const WARMUP = 50;
const LOG_EVERY = 10;
const CHECKPOINT_EVERY = 100;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function meanLoss(model: Gpt2, tokens: number[]): number {
  const { inputs, targets } = sequentialWindows(tokens, CONTEXT);
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
  const dir = option(args, 'out') ?? `public/models/${recipe.id}`;
  await useWasmBackend();
  const tokenizer = loadTokenizer(JSON.parse(readFileSync(TOKENIZER_PATH, 'utf8')) as object);
  const tokens = tokenizer.encode(readFileSync('public/corpus/corpus.txt', 'utf8'));
  const unseen = tokenizer.encode(readFileSync('data/unseen.txt', 'utf8'));
  const config: Gpt2Config = { vocabSize: tokenizer.vocabSize, nPositions: CONTEXT, nEmbd: recipe.nEmbd, nLayer: recipe.nLayer, nHead: recipe.nHead };
  const model = initGpt2(config, SEED);
  const adam = createAdam(model);
  const rng = createRng(SEED * 1000 + 1);
  const log = {
    model: recipe.id, params: gpt2ParamCount(config), seed: SEED, steps, batch: recipe.batch, context: CONTEXT,
    tokensPerStep: recipe.batch * CONTEXT, corpusTokens: tokens.length, peakLr: recipe.lr, warmup: WARMUP,
    optimizer: { ...DEFAULT_ADAM, lr: undefined, schedule: 'linear warmup, cosine to 10 %' },
    backend: tf.getBackend(),
    loss: [] as [number, number][], unseenLoss: [] as [number, number][],
    seconds: 0, finalLoss: 0,
    command: `npm run train -- --size ${size}${option(args, 'steps') ? ` --steps ${steps}` : ''}`,
  };
  console.log(`${recipe.id}: ${log.params} parameters, ${tokens.length} corpus tokens, ${steps} steps`);
  const t0 = Date.now();
  let window: number[] = [];
  const save = (step: number) => {
    log.seconds = Math.round((Date.now() - t0) / 100) / 10;
    log.unseenLoss.push([step, Math.round(meanLoss(model, unseen) * 1e4) / 1e4]);
    const bytes = writeModelFolder(dir, config, f32Tensors(config, gpt2Values(model)), { steps_trained: String(step) }, TOKENIZER_PATH);
    writeFileSync(`${dir}/train-log.json`, `${JSON.stringify({ ...log, stepsDone: step, bytes }, null, 1)}\n`);
    if (option(args, 'out') === undefined) writeModelIndex();
  };
  for (let step = 0; step < steps; step++) {
    const { inputs, targets } = randomBatch(tokens, recipe.batch, CONTEXT, rng);
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

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
