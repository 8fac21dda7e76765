import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../../../../src/tools/train/tfjs-wasm.ts';
import { createAdam, disposeAdam, learningRate } from '../../../../src/lib/train/adam.ts';
import { disposeGpt2, initGpt2 } from '../../../../src/lib/train/gpt2.ts';

describe('learningRate', () => {
  test('warms up linearly, peaks, then decays to a tenth', () => {
    expect(learningRate(0, 100, 1, 10)).toBeCloseTo(0.1);
    expect(learningRate(9, 100, 1, 10)).toBeCloseTo(1);
    expect(learningRate(55, 100, 1, 10)).toBeLessThan(1);
    expect(learningRate(100, 100, 1, 10)).toBeCloseTo(0.1);
  });
});

describe('createAdam', () => {
  beforeAll(async () => {
    await useWasmBackend();
  });

  test('holds exactly two moments per parameter and frees them all (a lab restart leaks nothing)', () => {
    const model = initGpt2({ vocabSize: 64, nPositions: 16, nEmbd: 32, nLayer: 1, nHead: 2 }, 1);
    const params = Object.keys(model.params).length;
    const before = tf.memory().numTensors;
    const state = createAdam(model);
    expect(tf.memory().numTensors - before).toBe(2 * params);
    disposeAdam(state);
    expect(tf.memory().numTensors).toBe(before);
    disposeGpt2(model);
  });
});
