import { describe, expect, test } from 'vitest';
import { attnMix, attnScores, matmulBias, tiedHead } from '../../../../src/lib/tinylm/kernels.ts';
import { createKernels, jsKernels } from '../../../../src/lib/tinylm/wasm-kernels.ts';
import { mulberry32 } from '../../../fixtures/tiny-gpt.ts';

function filled(a: Float32Array, seed: number): Float32Array {
  const rng = mulberry32(seed);
  for (let i = 0; i < a.length; i++) a[i] = rng() * 2 - 1;
  return a;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('createKernels', () => {
  const K = createKernels(400_000);

  test('WebAssembly SIMD is what runs in Node 24', () => {
    expect(K.name).toBe('wasm-simd');
  });

  test.each([[1, 64, 96], [5, 128, 384], [3, 512, 32]])('matmul of %i rows, k=%i, n=%i equals the JavaScript kernel', (rows, k, n) => {
    const x = filled(K.alloc(rows * k + 8), 1), w = filled(K.alloc(k * n), 2), bias = filled(K.alloc(n), 3);
    const out = K.alloc(rows * n + 4);
    const ref = new Float32Array(rows * n + 4);
    K.matmulBias(out, 4, x, 8, rows, k, w, n, bias);
    matmulBias(ref, 4, x, 8, rows, k, w, n, bias);
    expect(maxAbsDiff(out, ref)).toBeLessThan(1e-4);
    expect(Math.max(...out.subarray(4).map(Math.abs))).toBeGreaterThan(1);
  });

  test('the tied head equals the JavaScript kernel, rows and offsets included', () => {
    const rows = 3, d = 96, V = 300;
    const x = filled(K.alloc(rows * d + 96), 4), wte = filled(K.alloc(V * d), 5);
    const out = K.alloc(rows * V);
    const ref = new Float32Array(rows * V);
    K.tiedHead(out, 0, x, 96, rows, d, wte, V);
    tiedHead(ref, 0, x, 96, rows, d, wte, V);
    expect(maxAbsDiff(out, ref)).toBeLessThan(1e-4);
  });

  test('attention scores and mix over a strided cache equal the JavaScript kernels', () => {
    const count = 37, stride = 96, len = 32, ho = 64;
    const q = filled(K.alloc(3 * stride), 8), cache = filled(K.alloc(count * stride), 9), p = filled(K.alloc(count), 10);
    const s1 = K.alloc(count), s2 = new Float32Array(count);
    K.attnScores(s1, 0, q, stride + ho, cache, ho, count, stride, len);
    attnScores(s2, 0, q, stride + ho, cache, ho, count, stride, len);
    expect(maxAbsDiff(s1, s2)).toBeLessThan(1e-5);
    const m1 = K.alloc(stride), m2 = new Float32Array(stride);
    K.attnMix(m1, ho, p, 0, cache, ho, count, stride, len);
    attnMix(m2, ho, p, 0, cache, ho, count, stride, len);
    expect(maxAbsDiff(m1, m2)).toBeLessThan(1e-5);
    expect(Math.max(...m1.map(Math.abs))).toBeGreaterThan(0.5);
  });

  test('arrays outside its memory run on the JavaScript kernel, with the same result', () => {
    const x = filled(new Float32Array(32), 6), w = filled(new Float32Array(32 * 8), 7), bias = new Float32Array(8);
    const a = new Float32Array(8), b = new Float32Array(8);
    K.matmulBias(a, 0, x, 0, 1, 32, w, 8, bias);
    jsKernels.matmulBias(b, 0, x, 0, 1, 32, w, 8, bias);
    expect(a).toEqual(b);
  });

  test('refuses to allocate past its reservation instead of growing (growth would detach every view)', () => {
    const small = createKernels(1000);
    expect(() => small.alloc(10_000_000)).toThrow(/kernel memory exhausted/);
  });
});
