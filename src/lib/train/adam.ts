/**
 * AdamW with gradient clipping and a warmup + cosine learning-rate schedule, written out so the
 * same step runs in Node and in a browser worker, and the schedule is ours to choose per step.
 */
import * as tf from '@tensorflow/tfjs';
import { gpt2Loss, type Gpt2 } from './gpt2.ts';

/** Optimizer settings. */
export interface AdamOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Decoupled weight decay, applied to 2-D weights only (not biases or LayerNorm gains). */
  weightDecay: number;
  /** Clip the global gradient norm to this. */
  clipNorm: number;
}

/** Sensible defaults for tiny GPTs (nanoGPT's, with a higher rate for small widths). */
export const DEFAULT_ADAM: AdamOptions = { lr: 3e-3, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.01, clipNorm: 1 };

/** Adam's moment estimates, one pair per parameter, and the step count. */
export interface AdamState {
  m: Record<string, tf.Variable>;
  v: Record<string, tf.Variable>;
  step: number;
}

/** Zero moments for every parameter of `model`. */
export function createAdam(model: Gpt2): AdamState {
  const m: Record<string, tf.Variable> = {};
  const v: Record<string, tf.Variable> = {};
  // tf.variable copies its initial value; the zeros must be freed or every new optimizer (each
  // "Start over" in the training lab) leaks two copies of the model.
  tf.tidy(() => {
    for (const [name, p] of Object.entries(model.params)) {
      m[name] = tf.variable(tf.zerosLike(p), false);
      v[name] = tf.variable(tf.zerosLike(p), false);
    }
  });
  return { m, v, step: 0 };
}

/** Frees the moment variables. */
export function disposeAdam(state: AdamState): void {
  for (const t of [...Object.values(state.m), ...Object.values(state.v)]) t.dispose();
}

/** Learning rate at `step` (0-based): linear warmup, then cosine decay to 10 % of the peak. */
export function learningRate(step: number, totalSteps: number, peak: number, warmup: number): number {
  if (step < warmup) return (peak * (step + 1)) / warmup;
  const progress = Math.min(1, (step - warmup) / Math.max(1, totalSteps - warmup));
  return peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

/** One optimisation step on a batch: forward, backpropagate, update. Returns the batch loss (nats/token). */
export function trainStep(
  model: Gpt2,
  state: AdamState,
  inputs: readonly (readonly number[])[],
  targets: readonly (readonly number[])[],
  options: AdamOptions,
): number {
  const vars = Object.values(model.params);
  const { value, grads } = tf.variableGrads(() => gpt2Loss(model, inputs, targets), vars);
  state.step += 1;
  const t = state.step;
  tf.tidy(() => {
    const norm = tf.addN(Object.values(grads).map((g) => g.square().sum())).sqrt();
    const scale = tf.minimum(1, tf.div(options.clipNorm, norm.add(1e-6)));
    const c1 = 1 - options.beta1 ** t;
    const c2 = 1 - options.beta2 ** t;
    for (const [name, p] of Object.entries(model.params)) {
      const g = grads[p.name]!.mul(scale);
      const m = state.m[name]!;
      const v = state.v[name]!;
      m.assign(m.mul(options.beta1).add(g.mul(1 - options.beta1)));
      v.assign(v.mul(options.beta2).add(g.square().mul(1 - options.beta2)));
      let update = m.div(c1).div(v.div(c2).sqrt().add(options.eps));
      if (p.shape.length === 2 && options.weightDecay > 0) update = update.add(p.mul(options.weightDecay));
      p.assign(p.sub(update.mul(options.lr)));
    }
  });
  const loss = value.dataSync()[0]!;
  value.dispose();
  tf.dispose(grads);
  return loss;
}
