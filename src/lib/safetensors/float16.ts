/**
 * Conversions between 32-bit floats and the 16- and 8-bit float formats safetensors stores.
 * Bit-exact and table-free, so they behave the same in a worker, in Node and in tests.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 half (binary16) bits → number. */
export function float16BitsToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? Number.NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** number → IEEE 754 half bits, rounding to nearest even (what numpy and PyTorch do). */
export function numberToFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    // Subnormal half: shift the implicit 1 in, then round to nearest even.
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mant & ((1 << shift) - 1);
    let out = mant >>> shift;
    if (rest > half || (rest === half && (out & 1))) out++;
    return sign | out;
  }
  const rest = mant & 0x1fff;
  let out = (e << 10) | (mant >>> 13);
  if (rest > 0x1000 || (rest === 0x1000 && (out & 1))) out++; // may carry into the exponent: still correct
  return sign | out;
}

/** bfloat16 bits → number (the upper half of a float32). */
export function bfloat16BitsToNumber(h: number): number {
  u32[0] = (h & 0xffff) << 16;
  return f32[0]!;
}

/** number → bfloat16 bits, rounding to nearest even; NaN stays NaN. */
export function numberToBfloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  if ((x & 0x7fffffff) > 0x7f800000) return ((x >>> 16) | 0x40) & 0xffff;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

/** FP8 E4M3 ("fn" variant used by safetensors/PyTorch: no infinities, NaN at S.1111.111) → number. */
export function float8E4M3ToNumber(b: number): number {
  const sign = b & 0x80 ? -1 : 1;
  const exp = (b >> 3) & 0xf;
  const frac = b & 7;
  if (exp === 0xf && frac === 7) return Number.NaN;
  if (exp === 0) return sign * frac * 2 ** -9;
  return sign * (1 + frac / 8) * 2 ** (exp - 7);
}

/** FP8 E5M2 (IEEE-like, with infinities and NaN) → number. */
export function float8E5M2ToNumber(b: number): number {
  return float16BitsToNumber((b & 0xff) << 8);
}

/** FP8 E8M0 (an exponent only: the scale format of MX block formats) → number. */
export function float8E8M0ToNumber(b: number): number {
  return b === 0xff ? Number.NaN : 2 ** (b - 127);
}
