/**
 * Custom-gradient versions of the two ops GPT-2 training spends its time in, shaped for the
 * TensorFlow.js WASM backend: its matMul with transposeA/transposeB set is 5–40× slower than the
 * same product on an explicitly transposed copy (measured in a profile of one training step), and
 * it has no gradient for gather. The maths is unchanged; only the order of operations differs.
 */
import * as tf from '@tensorflow/tfjs';

/** y = x · W + b (Conv1D layout, W [in, out]), with gradients computed on explicit transposes. */
export const linear: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: tf.matMul(x, w).add(b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
        const g = dy as tf.Tensor2D;
        return [tf.matMul(g, sw.transpose()), tf.matMul(sx.transpose(), g), g.sum(0)];
      },
    };
  },
) as unknown as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/**
 * Rows of `table` [V, d] at `ids` (int32 [N]); the gradient scatter-adds into a [V, d] array,
 * which costs N·d additions instead of the V·N·d of a one-hot product.
 */
export function embeddingLookup(table: tf.Tensor2D, ids: readonly number[]): tf.Tensor2D {
  const [v, d] = table.shape;
  const indices = tf.tensor1d([...ids], 'int32');
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [t, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    save([]);
    return {
      value: tf.gather(t, indices),
      gradFunc: (dy: tf.Tensor) => {
        const g = dy.dataSync() as Float32Array;
        const out = new Float32Array(v * d);
        ids.forEach((id, row) => {
          const src = row * d;
          const dst = id * d;
          for (let j = 0; j < d; j++) out[dst + j]! += g[src + j]!;
        });
        return [tf.tensor2d(out, [v, d])];
      },
    };
  }) as unknown as (t: tf.Tensor2D) => tf.Tensor2D;
  const result = op(table);
  indices.dispose();
  return result;
}
