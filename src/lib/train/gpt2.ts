/**
 * GPT-2 in TensorFlow.js, with Hugging Face's tensor names and layouts (docs/model-format.md), so
 * the weights it trains load in any standard GPT-2 implementation. Backend-agnostic: Node picks
 * WASM (src/tools/train/tfjs-wasm.ts), a browser worker picks whatever it has.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from './rng.ts';
import { tiedHead } from './lm-head.ts';
import { embeddingLookup, linear } from './fast-ops.ts';

/** The hyperparameters a Hugging Face GPT2Config needs for our models. */
export interface Gpt2Config {
  vocabSize: number;
  nPositions: number;
  nEmbd: number;
  nLayer: number;
  nHead: number;
}

/** A GPT-2: its config and one trainable variable per Hugging Face tensor name. */
export interface Gpt2 {
  config: Gpt2Config;
  params: Record<string, tf.Variable>;
}

const LN_EPS = 1e-5;

/** Every tensor's name and shape, in the order initGpt2 draws them. */
export function gpt2Shapes(c: Gpt2Config): [string, number[]][] {
  const d = c.nEmbd;
  const shapes: [string, number[]][] = [['wte.weight', [c.vocabSize, d]], ['wpe.weight', [c.nPositions, d]]];
  for (let i = 0; i < c.nLayer; i++) {
    const h = `h.${i}`;
    shapes.push(
      [`${h}.ln_1.weight`, [d]], [`${h}.ln_1.bias`, [d]],
      [`${h}.attn.c_attn.weight`, [d, 3 * d]], [`${h}.attn.c_attn.bias`, [3 * d]],
      [`${h}.attn.c_proj.weight`, [d, d]], [`${h}.attn.c_proj.bias`, [d]],
      [`${h}.ln_2.weight`, [d]], [`${h}.ln_2.bias`, [d]],
      [`${h}.mlp.c_fc.weight`, [d, 4 * d]], [`${h}.mlp.c_fc.bias`, [4 * d]],
      [`${h}.mlp.c_proj.weight`, [4 * d, d]], [`${h}.mlp.c_proj.bias`, [d]],
    );
  }
  shapes.push(['ln_f.weight', [d]], ['ln_f.bias', [d]]);
  return shapes;
}

/** Number of parameters (wte counted once: the output head is tied to it). */
export function gpt2ParamCount(c: Gpt2Config): number {
  return gpt2Shapes(c).reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0);
}

/**
 * Initial values as GPT-2 draws them: N(0, 0.02) for weights, N(0, 0.02/√(2·layers)) for the
 * projections into the residual stream, zero biases, unit LayerNorm gains. Drawn from our own
 * seeded generator, so the same seed gives the same weights on every backend.
 */
export function initialValues(c: Gpt2Config, seed: number): Record<string, Float32Array> {
  const rng = createRng(seed);
  const normal = () => {
    // Box–Muller; 1 − u keeps log away from 0.
    const u = 1 - rng();
    const v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const out: Record<string, Float32Array> = {};
  for (const [name, shape] of gpt2Shapes(c)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (name.endsWith('.bias')) {
      // zeros
    } else if (/ln_\d\.weight$|ln_f\.weight$/.test(name)) {
      values.fill(1);
    } else {
      const std = name.endsWith('c_proj.weight') ? 0.02 / Math.sqrt(2 * c.nLayer) : 0.02;
      for (let i = 0; i < size; i++) values[i] = normal() * std;
    }
    out[name] = values;
  }
  return out;
}

/** Builds a trainable GPT-2 from given values (e.g. read back from model.safetensors). */
export function gpt2FromValues(config: Gpt2Config, values: Record<string, Float32Array>): Gpt2 {
  const params: Record<string, tf.Variable> = {};
  for (const [name, shape] of gpt2Shapes(config)) {
    const v = values[name];
    if (!v) throw new Error(`missing tensor ${name}`);
    // Unnamed: tfjs variable names are global, and tests or a worker may hold several models.
    const initial = tf.tensor(v, shape, 'float32');
    params[name] = tf.variable(initial, true);
    initial.dispose();
  }
  return { config, params };
}

/** A freshly initialised GPT-2 from a fixed seed. */
export function initGpt2(config: Gpt2Config, seed: number): Gpt2 {
  return gpt2FromValues(config, initialValues(config, seed));
}

/** Reads every parameter back as Float32Array (for export). */
export function gpt2Values(model: Gpt2): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const [name, v] of Object.entries(model.params)) out[name] = v.dataSync() as Float32Array;
  return out;
}

/** Frees every variable. */
export function disposeGpt2(model: Gpt2): void {
  for (const v of Object.values(model.params)) v.dispose();
}

function layerNorm(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const mean = x.mean(-1, true);
  const xc = x.sub(mean);
  const variance = xc.square().mean(-1, true);
  return xc.mul(variance.add(LN_EPS).rsqrt()).mul(w).add(b);
}

/** gelu_new, GPT-2's tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
export function geluNew(x: tf.Tensor): tf.Tensor {
  const inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
  return x.mul(0.5).mul(inner.tanh().add(1));
}

/** y = x · W + b for x [N, in] (Hugging Face's Conv1D layout). */
function conv1d(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return linear(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D);
}

/**
 * The forward pass: logits [B, T, V] for token ids [B][T] (all rows the same length ≤ nPositions).
 * The lookup, the linear layers and the head use custom gradients that suit the WASM backend (fast-ops.ts).
 */
export function gpt2Logits(model: Gpt2, ids: readonly (readonly number[])[]): tf.Tensor3D {
  return tf.tidy(() => {
    const { config: c, params: p } = model;
    const B = ids.length;
    const T = ids[0]?.length ?? 0;
    const d = c.nEmbd;
    const H = c.nHead;
    const hd = d / H;
    const tokens = embeddingLookup(p['wte.weight']! as tf.Tensor2D, ids.flatMap((row) => [...row]));
    let x: tf.Tensor = tokens.reshape([B, T, d]).add(p['wpe.weight']!.slice([0, 0], [T, d]));
    // Causal mask: −1e9 above the diagonal, so position t attends to 0..t only.
    const mask = tf.linalg.bandPart(tf.ones([T, T]), -1, 0).sub(1).mul(1e9);
    for (let i = 0; i < c.nLayer; i++) {
      const h = `h.${i}`;
      const a = layerNorm(x, p[`${h}.ln_1.weight`]!, p[`${h}.ln_1.bias`]!).reshape([B * T, d]);
      const qkv = conv1d(a, p[`${h}.attn.c_attn.weight`]!, p[`${h}.attn.c_attn.bias`]!).reshape([B, T, 3 * d]);
      const [q, k, v] = tf.split(qkv, 3, 2).map((t) => t.reshape([B, T, H, hd]).transpose([0, 2, 1, 3])) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const scores = tf.matMul(q, k, false, true).mul(1 / Math.sqrt(hd)).add(mask);
      const attended = tf.matMul(tf.softmax(scores), v).transpose([0, 2, 1, 3]).reshape([B * T, d]);
      x = x.add(conv1d(attended, p[`${h}.attn.c_proj.weight`]!, p[`${h}.attn.c_proj.bias`]!).reshape([B, T, d]));
      const m = layerNorm(x, p[`${h}.ln_2.weight`]!, p[`${h}.ln_2.bias`]!).reshape([B * T, d]);
      const hidden = geluNew(conv1d(m, p[`${h}.mlp.c_fc.weight`]!, p[`${h}.mlp.c_fc.bias`]!));
      x = x.add(conv1d(hidden, p[`${h}.mlp.c_proj.weight`]!, p[`${h}.mlp.c_proj.bias`]!).reshape([B, T, d]));
    }
    const out = layerNorm(x, p['ln_f.weight']!, p['ln_f.bias']!).reshape([B * T, d]);
    return tiedHead(out as tf.Tensor2D, p['wte.weight']! as tf.Tensor2D).reshape([B, T, c.vocabSize]);
  });
}

/** Mean next-token cross-entropy (nats) of `targets` given `inputs`, both [B][T]. */
export function gpt2Loss(model: Gpt2, inputs: readonly (readonly number[])[], targets: readonly (readonly number[])[]): tf.Scalar {
  return tf.tidy(() => {
    const logits = gpt2Logits(model, inputs).reshape([-1, model.config.vocabSize]);
    const labels = tf.oneHot(tf.tensor1d(targets.flatMap((r) => [...r]), 'int32'), model.config.vocabSize).toFloat();
    return tf.logSoftmax(logits).mul(labels).sum().neg().div(labels.shape[0]) as tf.Scalar;
  });
}
