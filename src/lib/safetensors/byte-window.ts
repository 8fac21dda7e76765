/**
 * A window of raw bytes as a reader sees it in a hex editor, and which tensor (or the header)
 * each byte belongs to: the evidence that a weights file is numbers from the header on.
 */
import { decodeToFloat32, isDecodable } from './decode.ts';
import { DTYPE_BITS } from './dtypes.ts';
import type { SafetensorsHeader, TensorInfo } from './header.ts';

/** One row of a hex dump. */
export interface HexRow {
  /** Absolute file offset of the row's first byte. */
  offset: number;
  /** Two hex digits per byte. */
  hex: string[];
  /** Printable ASCII, "." for anything else. */
  ascii: string;
}

/** Splits `bytes` (read from file offset `baseOffset`) into hex rows of `perRow` bytes. */
export function hexRows(bytes: Uint8Array, baseOffset: number, perRow = 16): HexRow[] {
  const rows: HexRow[] = [];
  for (let at = 0; at < bytes.length; at += perRow) {
    const slice = bytes.subarray(at, at + perRow);
    rows.push({
      offset: baseOffset + at,
      hex: Array.from(slice, (b) => b.toString(16).padStart(2, '0')),
      ascii: Array.from(slice, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join(''),
    });
  }
  return rows;
}

/** Where a file offset lies: the length prefix, the JSON header, a tensor, or a gap. */
export type ByteRegion =
  | { kind: 'prefix' }
  | { kind: 'header' }
  | { kind: 'tensor'; tensor: TensorInfo; /** element index inside the tensor */ element: number }
  | { kind: 'gap' }
  | { kind: 'outside' };

/** Which part of the file holds byte `offset`. */
export function regionAt(header: SafetensorsHeader, offset: number): ByteRegion {
  if (offset < 0 || offset >= header.dataStart + header.dataLength) return { kind: 'outside' };
  if (offset < 8) return { kind: 'prefix' };
  if (offset < header.dataStart) return { kind: 'header' };
  const rel = offset - header.dataStart;
  // Tensors are sorted by offset: binary search the last one starting at or before `rel`.
  const ts = header.tensors;
  let lo = 0;
  let hi = ts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]!.dataOffsets[0] <= rel) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Empty tensors share an offset with the next one; step back to one that holds bytes.
  for (let i = found; i >= 0; i--) {
    const t = ts[i]!;
    if (rel < t.dataOffsets[1] && rel >= t.dataOffsets[0]) {
      return { kind: 'tensor', tensor: t, element: Math.floor(((rel - t.dataOffsets[0]) * 8) / DTYPE_BITS[t.dtype]) };
    }
    if (t.dataOffsets[1] > t.dataOffsets[0]) break;
  }
  return { kind: 'gap' };
}

/** The values of `tensor` whose bytes lie wholly inside `bytes` (read from absolute `baseOffset`). */
export function valuesInWindow(
  header: SafetensorsHeader,
  tensor: TensorInfo,
  bytes: Uint8Array,
  baseOffset: number,
): { firstElement: number; values: Float32Array } | null {
  if (!isDecodable(tensor.dtype)) return null;
  const size = DTYPE_BITS[tensor.dtype] / 8;
  const start = header.dataStart + tensor.dataOffsets[0];
  const end = header.dataStart + tensor.dataOffsets[1];
  const from = Math.max(start, baseOffset);
  const to = Math.min(end, baseOffset + bytes.length);
  if (to <= from) return null;
  const firstElement = Math.ceil((from - start) / size);
  const lastElement = Math.floor((to - start) / size);
  if (lastElement <= firstElement) return null;
  const a = start + firstElement * size - baseOffset;
  const b = start + lastElement * size - baseOffset;
  return { firstElement, values: decodeToFloat32(tensor.dtype, bytes.subarray(a, b)) };
}
