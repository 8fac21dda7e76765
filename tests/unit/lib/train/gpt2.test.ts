import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../../../../src/tools/train/tfjs-wasm.ts';
import { gpt2Logits, gpt2ParamCount, gpt2Values, initGpt2, disposeGpt2, type Gpt2Config } from '../../../../src/lib/train/gpt2.ts';
import { createAdam, DEFAULT_ADAM, trainStep } from '../../../../src/lib/train/adam.ts';
import { linear, embeddingLookup } from '../../../../src/lib/train/fast-ops.ts';
import { tiedHead } from '../../../../src/lib/train/lm-head.ts';

const micro: Gpt2Config = { vocabSize: 64, nPositions: 16, nEmbd: 32, nLayer: 2, nHead: 2 };

beforeAll(async () => {
  await useWasmBackend();
});

describe('gpt2', () => {
  test('counts parameters with the GPT-2 formula (tied head)', () => {
    const { vocabSize: V, nPositions: P, nEmbd: d, nLayer: L } = micro;
    expect(gpt2ParamCount(micro)).toBe(V * d + P * d + L * (12 * d * d + 13 * d) + 2 * d);
  });

  test('the same seed gives the same weights', () => {
    const a = initGpt2(micro, 5);
    const b = initGpt2(micro, 5);
    expect(gpt2Values(a)['h.1.mlp.c_fc.weight']).toEqual(gpt2Values(b)['h.1.mlp.c_fc.weight']);
    disposeGpt2(a);
    disposeGpt2(b);
  });

  test('is causal: a later token does not change earlier logits', () => {
    const model = initGpt2(micro, 1);
    const a = gpt2Logits(model, [[1, 2, 3, 4]]).arraySync()[0]!;
    const b = gpt2Logits(model, [[1, 2, 3, 9]]).arraySync()[0]!;
    expect(b[2]).toEqual(a[2]);
    expect(b[3]).not.toEqual(a[3]);
    disposeGpt2(model);
  });

  test('a micro model learns: the loss falls over a few steps', () => {
    const model = initGpt2(micro, 2);
    const adam = createAdam(model);
    const seq = Array.from({ length: 17 }, (_, i) => (i * 7) % 13);
    const inputs = [seq.slice(0, 16), seq.slice(0, 16)];
    const targets = [seq.slice(1), seq.slice(1)];
    const losses = Array.from({ length: 12 }, () => trainStep(model, adam, inputs, targets, { ...DEFAULT_ADAM, lr: 1e-2 }));
    expect(losses[0]).toBeGreaterThan(Math.log(micro.vocabSize) - 0.5);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.7);
    disposeGpt2(model);
  });
});

describe('custom-gradient ops', () => {
  const close = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(a.sub(b))).dataSync()[0]!;

  test('linear, the tied head and the embedding lookup have the plain ops\' values and gradients', () => {
    const x = tf.randomNormal([6, 5], 0, 1, 'float32', 1) as tf.Tensor2D;
    const w = tf.randomNormal([5, 7], 0, 1, 'float32', 2) as tf.Tensor2D;
    const b = tf.randomNormal([7], 0, 1, 'float32', 3) as tf.Tensor1D;
    const up = tf.randomNormal([6, 7], 0, 1, 'float32', 4);
    const g1 = tf.grads((a: tf.Tensor, c: tf.Tensor, e: tf.Tensor) => linear(a as tf.Tensor2D, c as tf.Tensor2D, e as tf.Tensor1D).mul(up).sum())([x, w, b]);
    const g2 = tf.grads((a: tf.Tensor, c: tf.Tensor, e: tf.Tensor) => tf.matMul(a as tf.Tensor2D, c as tf.Tensor2D).add(e).mul(up).sum())([x, w, b]);
    g1.forEach((g, i) => expect(close(g, g2[i]!)).toBeLessThan(1e-5));

    const wte = tf.randomNormal([9, 5], 0, 1, 'float32', 5) as tf.Tensor2D;
    const up2 = tf.randomNormal([6, 9], 0, 1, 'float32', 6);
    const h1 = tf.grads((a: tf.Tensor, c: tf.Tensor) => tiedHead(a as tf.Tensor2D, c as tf.Tensor2D).mul(up2).sum())([x, wte]);
    const h2 = tf.grads((a: tf.Tensor, c: tf.Tensor) => tf.matMul(a as tf.Tensor2D, c as tf.Tensor2D, false, true).mul(up2).sum())([x, wte]);
    h1.forEach((g, i) => expect(close(g, h2[i]!)).toBeLessThan(1e-5));
    expect(close(tiedHead(x, wte), tf.matMul(x, wte, false, true))).toBeLessThan(1e-5);

    const ids = [3, 1, 3, 8, 0, 3];
    const up3 = tf.randomNormal([6, 5], 0, 1, 'float32', 7);
    const e1 = tf.grad((t: tf.Tensor) => embeddingLookup(t as tf.Tensor2D, ids).mul(up3).sum())(wte);
    const e2 = tf.grad((t: tf.Tensor) => tf.matMul(tf.oneHot(tf.tensor1d(ids, 'int32'), 9).toFloat(), t as tf.Tensor2D).mul(up3).sum())(wte);
    expect(close(e1, e2)).toBeLessThan(1e-6);
  });
});
