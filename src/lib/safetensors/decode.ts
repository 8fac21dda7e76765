/**
 * Turning a tensor's raw little-endian bytes into numbers a chart or an engine can use.
 */
import type { Dtype } from './dtypes.ts';
import { DecodeError } from './errors.ts';
import {
  bfloat16BitsToNumber,
  float16BitsToNumber,
  float8E4M3ToNumber,
  float8E5M2ToNumber,
  float8E8M0ToNumber,
} from './float16.ts';
import type { TensorInfo } from './header.ts';

/** Dtypes `decodeToFloat32` converts; the rest (F4, F6_*, C64) are parsed but not decoded. */
export const DECODABLE_DTYPES: readonly Dtype[] = [
  'F64', 'F32', 'F16', 'BF16', 'F8_E4M3', 'F8_E5M2', 'F8_E8M0',
  'I64', 'I32', 'I16', 'I8', 'U64', 'U32', 'U16', 'U8', 'BOOL',
];

/** True when `decodeToFloat32` can convert this dtype. */
export function isDecodable(dtype: Dtype): boolean {
  return DECODABLE_DTYPES.includes(dtype);
}

/**
 * Decodes `bytes` (little-endian elements of `dtype`, as stored) to float32. 64-bit integers
 * beyond 2^24 lose precision, as any float32 view of them must.
 */
export function decodeToFloat32(dtype: Dtype, bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = READERS[dtype];
  if (!read) throw new DecodeError(`cannot decode dtype ${dtype} to numbers`);
  const size = read.size;
  if (bytes.byteLength % size !== 0) {
    throw new DecodeError(`${bytes.byteLength} bytes is not a whole number of ${dtype} elements`);
  }
  const n = bytes.byteLength / size;
  if (dtype === 'F32') {
    // Copying first gives an aligned buffer whatever the slice's offset. Uint8Array's own slice:
    // a Node Buffer's slice() returns a view of the same memory, not a copy.
    const copy = Uint8Array.prototype.slice.call(bytes);
    if (LITTLE_ENDIAN) return new Float32Array(copy.buffer, 0, n);
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = read.get(view, i * size);
  return out;
}

/** Decodes one tensor, given the bytes of the whole data area (or of the whole file with `dataStart`). */
export function decodeTensor(info: TensorInfo, data: Uint8Array, dataStart = 0): Float32Array {
  const [begin, end] = info.dataOffsets;
  if (dataStart + end > data.byteLength) {
    throw new DecodeError(`tensor "${info.name}": its bytes [${begin}, ${end}) are not in the buffer given`);
  }
  return decodeToFloat32(info.dtype, data.subarray(dataStart + begin, dataStart + end));
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Reader {
  size: number;
  get: (v: DataView, at: number) => number;
}

const READERS: Partial<Record<Dtype, Reader>> = {
  F64: { size: 8, get: (v, at) => v.getFloat64(at, true) },
  F32: { size: 4, get: (v, at) => v.getFloat32(at, true) },
  F16: { size: 2, get: (v, at) => float16BitsToNumber(v.getUint16(at, true)) },
  BF16: { size: 2, get: (v, at) => bfloat16BitsToNumber(v.getUint16(at, true)) },
  F8_E4M3: { size: 1, get: (v, at) => float8E4M3ToNumber(v.getUint8(at)) },
  F8_E5M2: { size: 1, get: (v, at) => float8E5M2ToNumber(v.getUint8(at)) },
  F8_E8M0: { size: 1, get: (v, at) => float8E8M0ToNumber(v.getUint8(at)) },
  I64: { size: 8, get: (v, at) => Number(v.getBigInt64(at, true)) },
  U64: { size: 8, get: (v, at) => Number(v.getBigUint64(at, true)) },
  I32: { size: 4, get: (v, at) => v.getInt32(at, true) },
  U32: { size: 4, get: (v, at) => v.getUint32(at, true) },
  I16: { size: 2, get: (v, at) => v.getInt16(at, true) },
  U16: { size: 2, get: (v, at) => v.getUint16(at, true) },
  I8: { size: 1, get: (v, at) => v.getInt8(at) },
  U8: { size: 1, get: (v, at) => v.getUint8(at) },
  BOOL: { size: 1, get: (v, at) => (v.getUint8(at) ? 1 : 0) },
};
