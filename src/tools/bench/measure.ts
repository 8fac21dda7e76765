/**
 * The benchmark's measurements, shared by Node and the Chromium page (no Node or DOM imports):
 * prefill and decode tokens/s of a loaded model, its FLOPs per token, and a matmul roofline
 * measured with the engine's own kernel in the same process, so every figure can be read as a
 * fraction of what this machine gives this code.
 */
import type { GptConfig } from '../../lib/tinylm/config.ts';
import { createKernels } from '../../lib/tinylm/wasm-kernels.ts';
import type { GptRunner } from '../../lib/tinylm/model.ts';

/** One model's speed. */
export interface ModelSpeed {
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  /** Floating-point operations the forward pass does per token (matmuls and attention). */
  prefillGflops: number;
  decodeGflops: number;
  tokens: number;
  /** Time to read, parse and dequantize the files into a ready model (set by the caller). */
  loadMs?: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** FLOPs of one token at position `pos` (attention grows with the positions before it). */
export function flopsPerToken(c: GptConfig, pos: number): number {
  const d = c.dModel;
  return c.nLayer * (2 * 12 * d * d + 4 * (pos + 1) * d) + 2 * c.vocabSize * d;
}

/** Prefill (one pass over `n` tokens) and decode (one token at a time after the first) rates. */
export function measureModel(runner: GptRunner, ids: Int32Array, repeats = 5): ModelSpeed {
  const c = runner.config;
  const n = Math.min(ids.length, c.contextLength);
  let flops = 0;
  for (let p = 0; p < n; p++) flops += flopsPerToken(c, p);
  // The logits of every prefill row are not needed: only the last row goes through the head.
  const prefillFlops = flops - (n - 1) * 2 * c.vocabSize * c.dModel;
  const prefill: number[] = [];
  const decode: number[] = [];
  for (let r = 0; r < repeats; r++) {
    runner.reset();
    let t0 = performance.now();
    runner.nextLogits(ids.subarray(0, n));
    prefill.push((performance.now() - t0) / 1000);
    runner.reset();
    runner.nextLogits(ids.subarray(0, 1));
    t0 = performance.now();
    for (let m = 2; m <= n; m++) runner.nextLogits(ids.subarray(0, m));
    decode.push((performance.now() - t0) / 1000);
  }
  const pre = median(prefill);
  const dec = median(decode);
  return {
    prefillTokensPerSecond: n / pre,
    decodeTokensPerSecond: (n - 1) / dec,
    prefillGflops: prefillFlops / pre / 1e9,
    decodeGflops: (flops - flopsPerToken(c, 0)) / dec / 1e9,
    tokens: n,
  };
}

/**
 * GFLOP/s of the engine's f32 matmul kernel (WebAssembly SIMD where available, as the engine
 * uses) on a prefill-shaped and a decode-shaped problem. The 4 MB matrix does not fit in L2, as
 * the larger models' weights do not: the matvec figure is then a memory-bandwidth roofline.
 */
export function measureRoofline(): { matmul: number; matvec: number; kernels: string } {
  const k = 512, n = 2048, rows = 64;
  const { alloc, matmulBias, name } = createKernels(rows * k + k * n + n + rows * n + 1024);
  const x = alloc(rows * k);
  const w = alloc(k * n);
  const bias = alloc(n);
  const out = alloc(rows * n);
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i);
  for (let i = 0; i < w.length; i++) w[i] = Math.cos(i) * 0.01;
  const rate = (r: number, iters: number) => {
    const runs: number[] = [];
    for (let rep = 0; rep < 5; rep++) {
      const t0 = performance.now();
      for (let i = 0; i < iters; i++) matmulBias(out, 0, x, 0, r, k, w, n, bias);
      runs.push((2 * r * k * n * iters) / ((performance.now() - t0) / 1000) / 1e9);
    }
    return Math.max(...runs);
  };
  rate(rows, 2); // warm-up: let the JIT optimise the kernel before timing
  return { matmul: rate(rows, 3), matvec: rate(1, 150), kernels: name };
}
