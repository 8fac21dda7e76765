/**
 * One training-lab run: a GPT-2 that studies one text with the built-in model's own training code
 * (initGpt2, trainStep, learningRate, randomBatch), then answers prompts from its weights alone.
 *
 * Lifecycle: created with the text's tokens → `trainOnce()` as often as the caller likes →
 * `dropText()` lets go of the only copy of the tokens (the session keeps no other) → `generate()`
 * and `safetensors()` still work, from the weights → `dispose()` frees every tensor.
 * Imported dynamically by the worker, so TensorFlow.js loads only when the reader starts the lab.
 */
import * as tf from '@tensorflow/tfjs';
import { disposeGpt2, gpt2Logits, gpt2Shapes, gpt2Values, initGpt2, type Gpt2Config } from './gpt2.ts';
import { createAdam, DEFAULT_ADAM, disposeAdam, learningRate, trainStep } from './adam.ts';
import { randomBatch } from './batches.ts';
import { createRng } from './rng.ts';
import { serializeSafetensors } from '../safetensors/index.ts';
import { argmax, temperatureProbs } from '../sampling/temperature.ts';
import { sampleIndex } from '../sampling/sample.ts';
import { labParamCount, type LabRecipe } from './browser-lab-config.ts';

/** What a run needs. */
export interface SessionOptions {
  config: Gpt2Config;
  recipe: LabRecipe;
  tokens: readonly number[];
  seed: number;
}

/** The weight matrix the lab shows as a heat map: the query block of the first attention layer. */
export const HEATMAP_TENSOR = 'h.0.attn.c_attn.weight';

/** A run in progress or finished; see the lifecycle note above. */
export interface TrainingSession {
  readonly config: Gpt2Config;
  readonly params: number;
  /** Bytes of the weights as F32 (what the .safetensors file holds, without its header). */
  readonly weightBytes: number;
  /** Steps taken so far. */
  steps(): number;
  /** One optimisation step on a random batch of the text; returns the batch loss (nats/token). */
  trainOnce(): { loss: number; lr: number };
  /** Tokens of the text the session still holds (0 after dropText). */
  heldTokens(): number;
  /** Lets go of the text's tokens; training is impossible afterwards. */
  dropText(): void;
  /** `count` tokens that follow `prompt`, greedy (temperature 0) or sampled with `rng`. */
  generate(prompt: readonly number[], count: number, temperature: number, rng: () => number): number[];
  /** The top-left `rows` × `cols` block of the heat-map matrix, row-major. */
  heatmap(rows: number, cols: number): { name: string; rows: number; cols: number; values: Float32Array };
  /** The weights as a .safetensors file with Hugging Face GPT-2 names (docs/model-format.md). */
  safetensors(metadata: Record<string, string>): Uint8Array;
  dispose(): void;
}

/** Starts a run: weights and batch order both follow from `seed`, as in src/tools/train.ts. */
export function createTrainingSession({ config, recipe, tokens, seed }: SessionOptions): TrainingSession {
  if (tokens.length < config.nPositions + 1) throw new Error(`need at least ${config.nPositions + 1} tokens, got ${tokens.length}`);
  const model = initGpt2(config, seed);
  const adam = createAdam(model);
  const batchRng = createRng(seed * 1000 + 1);
  let text: readonly number[] | null = tokens;
  let done = 0;
  const params = labParamCount(config);

  return {
    config,
    params,
    weightBytes: params * 4,
    steps: () => done,
    trainOnce() {
      if (!text) throw new Error('the text was taken away: the model can no longer study');
      const { inputs, targets } = randomBatch(text, recipe.batch, config.nPositions, batchRng);
      const lr = learningRate(done, recipe.steps, recipe.peakLr, recipe.warmup);
      const loss = trainStep(model, adam, inputs, targets, { ...DEFAULT_ADAM, lr });
      done += 1;
      return { loss, lr };
    },
    heldTokens: () => text?.length ?? 0,
    dropText() {
      text = null;
    },
    generate(prompt, count, temperature, rng) {
      const ids = [...prompt];
      for (let i = 0; i < count; i++) {
        const window = ids.slice(-config.nPositions);
        const logits = tf.tidy(() => {
          const all = gpt2Logits(model, [window]);
          return all.slice([0, window.length - 1, 0], [1, 1, config.vocabSize]).dataSync() as Float32Array;
        });
        ids.push(temperature === 0 ? argmax(logits) : sampleIndex(temperatureProbs(logits, temperature), rng));
      }
      return ids.slice(prompt.length);
    },
    heatmap(rows, cols) {
      const w = model.params[HEATMAP_TENSOR]!;
      const [r, c] = w.shape as [number, number];
      const h = Math.min(rows, r);
      const k = Math.min(cols, c);
      const values = tf.tidy(() => w.slice([0, 0], [h, k]).dataSync() as Float32Array);
      return { name: HEATMAP_TENSOR, rows: h, cols: k, values: Float32Array.from(values) };
    },
    safetensors(metadata) {
      const values = gpt2Values(model);
      const tensors = gpt2Shapes(config).map(([name, shape]) => ({ name, dtype: 'F32' as const, shape, data: values[name]! }));
      return serializeSafetensors(tensors, { format: 'pt', ...metadata });
    },
    dispose() {
      text = null;
      disposeAdam(adam);
      disposeGpt2(model);
    },
  };
}
