/**
 * Writing a safetensors file in memory, laid out as the reference implementation lays it out:
 * tensors sorted by element width (widest first, so every tensor starts aligned to its own
 * width) and then by name; `__metadata__` first in the header; the header padded with spaces
 * to a multiple of 8 bytes.
 */
import { byteLengthOf, DTYPE_BITS, isDtype, type Dtype } from './dtypes.ts';
import { SafetensorsError, TensorEntryError } from './errors.ts';
import { numberToBfloat16Bits, numberToFloat16Bits } from './float16.ts';

/** A tensor to write: `data` holds its elements' little-endian bytes (a typed array's own bytes are used as is). */
export interface TensorToWrite {
  name: string;
  dtype: Dtype;
  shape: readonly number[];
  data: Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;
}

/**
 * Builds a complete `.safetensors` file: `serializeSafetensors([{ name: 'wte.weight', dtype: 'F32',
 * shape: [V, d], data: float32Array }], { format: 'pt' })`; metadata values must be strings.
 */
export function serializeSafetensors(tensors: readonly TensorToWrite[], metadata?: Record<string, string>): Uint8Array {
  const seen = new Set<string>();
  const parts: { t: TensorToWrite; bytes: Uint8Array }[] = [];
  for (const t of tensors) {
    if (t.name === '__metadata__') throw new SafetensorsError('"__metadata__" cannot be a tensor name');
    if (seen.has(t.name)) throw new TensorEntryError(t.name, 'name used twice');
    seen.add(t.name);
    if (!isDtype(t.dtype)) throw new TensorEntryError(t.name, `unknown dtype ${JSON.stringify(t.dtype)}`);
    let elements = 1;
    for (const dim of t.shape) {
      if (!Number.isSafeInteger(dim) || dim < 0) throw new TensorEntryError(t.name, `shape ${JSON.stringify(t.shape)} is not non-negative integers`);
      elements *= dim;
    }
    const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    const expected = byteLengthOf(t.dtype, elements);
    if (expected !== bytes.byteLength) {
      throw new TensorEntryError(t.name, `shape ${JSON.stringify(t.shape)} × ${t.dtype} needs ${expected ?? 'a whole number of'} bytes, data has ${bytes.byteLength}`);
    }
    parts.push({ t, bytes });
  }
  if (metadata) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== 'string') throw new SafetensorsError(`metadata "${k}" must be a string`);
    }
  }
  parts.sort((a, b) => DTYPE_BITS[b.t.dtype] - DTYPE_BITS[a.t.dtype] || (a.t.name < b.t.name ? -1 : a.t.name > b.t.name ? 1 : 0));

  // The JSON is assembled by hand so that the key order is exactly the data order (a JS object
  // would move integer-like names such as "0" to the front) and "__proto__" stays a plain key.
  const entries: string[] = [];
  if (metadata) {
    const meta = Object.entries(metadata).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    entries.push(`"__metadata__":{${meta.join(',')}}`);
  }
  let offset = 0;
  for (const { t, bytes } of parts) {
    const info = { dtype: t.dtype, shape: [...t.shape], data_offsets: [offset, offset + bytes.byteLength] };
    entries.push(`${JSON.stringify(t.name)}:${JSON.stringify(info)}`);
    offset += bytes.byteLength;
  }
  const json = new TextEncoder().encode(`{${entries.join(',')}}`);
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + padded);
  let at = 8 + padded;
  for (const { bytes } of parts) {
    out.set(bytes, at);
    at += bytes.byteLength;
  }
  return out;
}

/** Encodes numbers as little-endian F32, F16 or BF16 bytes (round to nearest even), ready for `serializeSafetensors`. */
export function encodeFloats(dtype: 'F32' | 'F16' | 'BF16', values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  if (dtype === 'F32') {
    const out = new Uint8Array(n * 4);
    const view = new DataView(out.buffer);
    for (let i = 0; i < n; i++) view.setFloat32(i * 4, values[i]!, true);
    return out;
  }
  const out = new Uint8Array(n * 2);
  const view = new DataView(out.buffer);
  const convert = dtype === 'F16' ? numberToFloat16Bits : numberToBfloat16Bits;
  for (let i = 0; i < n; i++) view.setUint16(i * 2, convert(values[i]!), true);
  return out;
}
