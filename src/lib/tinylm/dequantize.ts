/**
 * Turns every stored precision of docs/model-format.md (F32, F16, int8-g32, q4-g32) into
 * Float32Array. The engine dequantizes once at load: decode then runs one f32 kernel for every
 * variant, and the models are small enough that the f32 copy costs little memory.
 */

/** Size of a quantization group: consecutive values along the last dimension. */
export const GROUP = 32;

/** Converts one IEEE half-precision bit pattern to a number (exact). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Little-endian F32 bytes → Float32Array (copied, so alignment never matters). */
export function f32FromBytes(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** Little-endian F16 bytes → Float32Array. */
export function f16FromBytes(bytes: Uint8Array): Float32Array {
  const n = bytes.byteLength / 2;
  const out = new Float32Array(n);
  // A 65,536-entry table makes this a lookup per value; F16 files have millions of values.
  const table = halfTable();
  for (let i = 0; i < n; i++) out[i] = table[bytes[2 * i]! | (bytes[2 * i + 1]! << 8)]!;
  return out;
}

let cachedHalfTable: Float32Array | undefined;
function halfTable(): Float32Array {
  if (!cachedHalfTable) {
    cachedHalfTable = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) cachedHalfTable[h] = halfToFloat(h);
  }
  return cachedHalfTable;
}

/** int8-g32: `q` (I8, logical shape) times one F16 scale per 32 values of a row. */
export function dequantizeInt8(q: Uint8Array, scales: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  const signed = new Int8Array(q.buffer, q.byteOffset, q.byteLength);
  const groupsPerRow = cols / GROUP;
  for (let r = 0; r < rows; r++) {
    for (let g = 0; g < groupsPerRow; g++) {
      const s = scales[r * groupsPerRow + g]!;
      const base = r * cols + g * GROUP;
      for (let i = 0; i < GROUP; i++) out[base + i] = signed[base + i]! * s;
    }
  }
  return out;
}

/** q4-g32: two nibbles per byte (even column low), each `q + 8`, times the group's F16 scale. */
export function dequantizeQ4(packed: Uint8Array, scales: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  const groupsPerRow = cols / GROUP;
  const bytesPerRow = cols / 2;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c += 2) {
      const byte = packed[r * bytesPerRow + c / 2]!;
      const s = scales[r * groupsPerRow + Math.floor(c / GROUP)]!;
      out[r * cols + c] = ((byte & 0x0f) - 8) * s;
      out[r * cols + c + 1] = ((byte >> 4) - 8) * s;
    }
  }
  return out;
}
