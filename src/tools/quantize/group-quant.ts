/**
 * Group-wise symmetric quantization in the layouts of docs/model-format.md: groups of 32
 * consecutive values along the last dimension, one F16 scale per group, no zero point.
 */
import { float16BitsToNumber, numberToFloat16Bits } from '../../lib/safetensors/index.ts';

/** Values per group. */
export const GROUP = 32;

/** A quantized 2-D tensor: packed values plus F16 scale bits [rows, cols / GROUP]. */
export interface Quantized { values: Int8Array | Uint8Array; scales: Uint16Array }

/** The F16 scale of one group, rounded to what the file will hold (so q is computed against it). */
function groupScale(w: Float32Array, from: number, levels: number): number {
  let absmax = 0;
  for (let i = from; i < from + GROUP; i++) absmax = Math.max(absmax, Math.abs(w[i]!));
  return float16BitsToNumber(numberToFloat16Bits(absmax / levels));
}

function quantizeGroups(w: Float32Array, rows: number, cols: number, levels: number, put: (index: number, q: number) => void): Uint16Array {
  if (cols % GROUP !== 0 || w.length !== rows * cols) throw new Error(`cannot quantize a [${rows}, ${cols}] tensor in groups of ${GROUP}`);
  const scales = new Uint16Array((rows * cols) / GROUP);
  for (let g = 0; g < scales.length; g++) {
    const from = g * GROUP;
    const s = groupScale(w, from, levels);
    scales[g] = numberToFloat16Bits(s);
    for (let i = from; i < from + GROUP; i++) {
      put(i, s === 0 ? 0 : Math.max(-levels, Math.min(levels, Math.round(w[i]! / s))));
    }
  }
  return scales;
}

/** int8-g32: q = round(w / s) in [−127, 127], s = absmax / 127. */
export function quantizeInt8(w: Float32Array, rows: number, cols: number): Quantized {
  const values = new Int8Array(rows * cols);
  const scales = quantizeGroups(w, rows, cols, 127, (i, q) => { values[i] = q; });
  return { values, scales };
}

/** q4-g32: q in [−7, 7] stored as q + 8, two per byte, even column in the low nibble. */
export function quantizeQ4(w: Float32Array, rows: number, cols: number): Quantized {
  const values = new Uint8Array((rows * cols) / 2);
  const scales = quantizeGroups(w, rows, cols, 7, (i, q) => {
    const nibble = q + 8;
    values[i >> 1] = (i & 1) === 0 ? (values[i >> 1]! & 0xf0) | nibble : (values[i >> 1]! & 0x0f) | (nibble << 4);
  });
  return { values, scales };
}

/** Back to floats: w ≈ q · s (for tests and error measurement). */
export function dequantize(kind: 'int8' | 'q4', q: Quantized, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < out.length; i++) {
    const s = float16BitsToNumber(q.scales[Math.floor(i / GROUP)]!);
    const v = kind === 'int8' ? (q.values as Int8Array)[i]! : (((q.values[i >> 1]! >> ((i & 1) * 4)) & 0x0f) - 8);
    out[i] = v * s;
  }
  return out;
}
