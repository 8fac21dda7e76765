import { describe, expect, test } from 'vitest';
import { parseGptConfig } from '../../../../src/lib/tinylm/config.ts';
import { createGptRunner, placeWeights, runnerFloats, weightFloats } from '../../../../src/lib/tinylm/model.ts';
import { createKernels } from '../../../../src/lib/tinylm/wasm-kernels.ts';
import { loadGptWeights } from '../../../../src/lib/tinylm/weights.ts';
import { referenceLogits } from '../../../fixtures/reference-gpt2.ts';
import { encodeModel, fixtureConfig, mulberry32, randomTensors, SMALL } from '../../../fixtures/tiny-gpt.ts';

const config = parseGptConfig(fixtureConfig(SMALL));
const tensors = randomTensors(SMALL, 7);
const { weights } = loadGptWeights(encodeModel(tensors, 'F32').file, config);
const V = config.vocabSize;

function randomIds(n: number, seed: number): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => Math.floor(rng() * V));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('createGptRunner', () => {
  test('agrees with a naive float64 GPT-2 to 1e-4 at every prefix length', () => {
    const ids = randomIds(SMALL.contextLength, 3);
    const ref = referenceLogits(tensors, config, ids);
    for (let n = 1; n <= ids.length; n++) {
      const runner = createGptRunner(weights, config);
      expect(maxAbsDiff(runner.nextLogits(ids.slice(0, n)), ref[n - 1]!)).toBeLessThan(1e-4);
    }
  });

  test('with the WebAssembly SIMD kernels, also agrees with the reference and steps like a recompute', () => {
    const kernels = createKernels(weightFloats(weights) + 2 * runnerFloats(config));
    expect(kernels.name).toBe('wasm-simd');
    const placed = placeWeights(weights, kernels.alloc);
    const ids = randomIds(SMALL.contextLength, 31);
    const ref = referenceLogits(tensors, config, ids);
    const stepping = createGptRunner(placed, config, { kernels });
    for (let n = 1; n <= ids.length; n++) expect(maxAbsDiff(stepping.nextLogits(ids.slice(0, n)), ref[n - 1]!)).toBeLessThan(1e-4);
    const fresh = createGptRunner(placed, config, { kernels, chunkRows: 5 });
    expect(maxAbsDiff(fresh.nextLogits(ids), ref.at(-1)!)).toBeLessThan(1e-4);
  });

  test('logits are far from uniform, so the agreement above means something', () => {
    const logits = createGptRunner(weights, config).nextLogits(randomIds(5, 4));
    expect(Math.max(...logits) - Math.min(...logits)).toBeGreaterThan(5);
  });

  test('stepping token by token with the KV cache equals a full recompute', () => {
    const ids = randomIds(SMALL.contextLength, 11);
    const stepping = createGptRunner(weights, config);
    for (let n = 1; n <= ids.length; n++) {
      const step = stepping.nextLogits(ids.slice(0, n)).slice();
      const fresh = createGptRunner(weights, config).nextLogits(ids.slice(0, n));
      expect(maxAbsDiff(step, fresh)).toBeLessThan(1e-5);
    }
  });

  test('editing the middle of the prompt recomputes from the edit, not from the cache', () => {
    const runner = createGptRunner(weights, config);
    const a = randomIds(10, 5);
    runner.nextLogits(a);
    const b = [...a.slice(0, 4), (a[4]! + 1) % V, ...a.slice(5)];
    const edited = runner.nextLogits(b).slice();
    expect(maxAbsDiff(edited, createGptRunner(weights, config).nextLogits(b))).toBeLessThan(1e-5);
    const shorter = runner.nextLogits(a.slice(0, 3)).slice();
    expect(maxAbsDiff(shorter, createGptRunner(weights, config).nextLogits(a.slice(0, 3)))).toBeLessThan(1e-5);
  });

  test('asking twice for the same ids gives the same logits', () => {
    const runner = createGptRunner(weights, config);
    const ids = randomIds(6, 8);
    const first = runner.nextLogits(ids).slice();
    expect(maxAbsDiff(runner.nextLogits(ids), first)).toBe(0);
  });

  test('beyond the context length only the last contextLength ids are used', () => {
    const ids = randomIds(SMALL.contextLength + 7, 9);
    const runner = createGptRunner(weights, config);
    for (let n = SMALL.contextLength; n <= ids.length; n++) {
      const got = runner.nextLogits(ids.slice(0, n)).slice();
      const ref = referenceLogits(tensors, config, ids.slice(n - SMALL.contextLength, n));
      expect(maxAbsDiff(got, ref[SMALL.contextLength - 1]!)).toBeLessThan(1e-4);
    }
  });

  test('prefill in small chunks equals prefill in one chunk', () => {
    const ids = randomIds(SMALL.contextLength, 12);
    const small = createGptRunner(weights, config, { chunkRows: 3 }).nextLogits(ids).slice();
    expect(maxAbsDiff(small, createGptRunner(weights, config).nextLogits(ids))).toBeLessThan(1e-5);
  });

  test('refuses an empty prompt and ids outside the vocabulary, and the cache survives a bad id', () => {
    const runner = createGptRunner(weights, config);
    expect(() => runner.nextLogits([])).toThrow(/at least one token/);
    const ids = randomIds(6, 13);
    const before = runner.nextLogits(ids).slice();
    expect(() => runner.nextLogits([...ids.slice(0, 3), 7, V])).toThrow(/outside the vocabulary/);
    expect(() => runner.nextLogits([...ids.slice(0, 3), 1.5])).toThrow(/outside the vocabulary/);
    expect(maxAbsDiff(runner.nextLogits(ids), before)).toBe(0);
    expect(maxAbsDiff(runner.nextLogits([...ids.slice(0, 3), 7]), createGptRunner(weights, config).nextLogits([...ids.slice(0, 3), 7]))).toBeLessThan(1e-5);
  });
});
