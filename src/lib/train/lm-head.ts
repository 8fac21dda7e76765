/**
 * The tied output head, logits = x · wteᵀ, as a custom-gradient op. TensorFlow.js's WASM matMul
 * is very slow when the output is wide and the inner dimension short (measured: 1024×128 · 128×2048
 * took 1.6–6 s, i.e. 0.1–0.3 GFLOP/s), which is exactly this product; a plain loop of row dot
 * products does it at about 1.5 GFLOP/s. The two backward products have a long inner dimension,
 * which TensorFlow.js handles well, so they stay in TensorFlow.js.
 */
import * as tf from '@tensorflow/tfjs';

/** out[i, j] = Σ_k a[i, k] · b[j, k] for a [m, k], b [n, k] (both row-major). */
export function matMulTransposedB(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let t = 0;
      for (; t + 3 < k; t += 4) {
        s0 += a[ai + t]! * b[bj + t]!;
        s1 += a[ai + t + 1]! * b[bj + t + 1]!;
        s2 += a[ai + t + 2]! * b[bj + t + 2]!;
        s3 += a[ai + t + 3]! * b[bj + t + 3]!;
      }
      for (; t < k; t++) s0 += a[ai + t]! * b[bj + t]!;
      out[i * n + j] = s0 + s1 + s2 + s3;
    }
  }
  return out;
}

/** Logits [N, V] = x [N, d] · wteᵀ, differentiable with respect to both. */
export const tiedHead: (x: tf.Tensor2D, wte: tf.Tensor2D) => tf.Tensor2D = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, wte, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([x, wte]);
    const [n, d] = x.shape as [number, number];
    const v = wte.shape[0]!;
    const value: tf.Tensor = tf.tensor2d(matMulTransposedB(x.dataSync() as Float32Array, wte.dataSync() as Float32Array, n, d, v), [n, v]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
        const g = dy as tf.Tensor2D;
        return [tf.matMul(g, sw), tf.matMul(g.transpose(), sx)];
      },
    };
  },
) as unknown as (x: tf.Tensor2D, wte: tf.Tensor2D) => tf.Tensor2D;
