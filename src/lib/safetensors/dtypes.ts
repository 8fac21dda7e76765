/**
 * The element types a safetensors file may declare, with their width in bits. The list follows
 * the reference implementation (huggingface/safetensors `Dtype`); sub-byte types (F4, F6_*) are
 * known so that a header using them parses, even though this site cannot decode them.
 */

/** Bits per element of every dtype the reference format defines. */
export const DTYPE_BITS = {
  BOOL: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  F64: 64,
  I64: 64,
  U64: 64,
  C64: 64,
} as const;

/** A safetensors dtype name, e.g. "F32". */
export type Dtype = keyof typeof DTYPE_BITS;

/** True when `name` is a dtype the format defines (case-sensitive, as in the reference). */
export function isDtype(name: unknown): name is Dtype {
  return typeof name === 'string' && Object.hasOwn(DTYPE_BITS, name);
}

/** Bytes needed for `count` elements of `dtype`, or null when sub-byte elements do not fill whole bytes. */
export function byteLengthOf(dtype: Dtype, count: number): number | null {
  const bits = DTYPE_BITS[dtype] * count;
  if (bits % 8 !== 0) return null;
  return bits / 8;
}
