/**
 * Reading a safetensors header without reading the file: the caller hands over the first 8 bytes
 * (the header length), then the header itself, and learns every tensor's dtype, shape and byte
 * range. A multi-gigabyte file is therefore inspected with two small reads (Blob.slice in the
 * browser, a file handle in Node).
 *
 * Layout (huggingface/safetensors): u64 little-endian N, then N bytes of UTF-8 JSON
 * `{"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}}`,
 * then the data area; offsets are relative to the start of the data area.
 */
import { clean, describe, nonIntegerLiterals } from './describe.ts';
import { byteLengthOf, isDtype, type Dtype } from './dtypes.ts';
import {
  HeaderJsonError,
  HeaderLengthError,
  MetadataError,
  OverlapError,
  TensorEntryError,
} from './errors.ts';
export { OffsetsError } from './errors.ts';
import { OffsetsError } from './errors.ts';

/** Bytes of the little-endian header-length prefix. */
export const PREFIX_BYTES = 8;

/** Largest header accepted, as in the reference implementation (100 MB): a guard against garbage lengths. */
export const MAX_HEADER_BYTES = 100_000_000;

/** One tensor as the header describes it. */
export interface TensorInfo {
  name: string;
  dtype: Dtype;
  shape: number[];
  /** [begin, end) relative to the start of the data area. */
  dataOffsets: [number, number];
  /** Number of elements: the product of the shape (1 for a scalar). */
  elements: number;
}

/** A parsed and validated header. */
export interface SafetensorsHeader {
  /** N, the JSON header's length in bytes. */
  headerLength: number;
  /** Absolute file offset of the data area: 8 + N. */
  dataStart: number;
  /** Bytes in the data area: file size − 8 − N. */
  dataLength: number;
  /** The `__metadata__` object (empty when absent). */
  metadata: Record<string, string>;
  /** Every tensor, in file order (by begin offset, then name). */
  tensors: TensorInfo[];
}

/** Reads N from the first 8 bytes and checks that 8 + N fits in a file of `fileSize` bytes. */
export function readHeaderLength(prefix: Uint8Array, fileSize: number): number {
  if (!Number.isSafeInteger(fileSize) || fileSize < 0) {
    throw new HeaderLengthError(`file size ${fileSize} is not a byte count`);
  }
  if (prefix.length < PREFIX_BYTES || fileSize < PREFIX_BYTES) {
    throw new HeaderLengthError(
      `file too short: a safetensors file starts with an 8-byte header length, found ${Math.min(prefix.length, fileSize)} bytes`,
    );
  }
  const view = new DataView(prefix.buffer, prefix.byteOffset, PREFIX_BYTES);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const length = high * 2 ** 32 + low;
  if (high >= 2 ** 20 || length > MAX_HEADER_BYTES) {
    throw new HeaderLengthError(
      `header length ${high >= 2 ** 20 ? '≥ 2^52' : length} bytes is above the ${MAX_HEADER_BYTES}-byte limit: not a safetensors file?`,
    );
  }
  if (length < 2) throw new HeaderLengthError(`header length ${length} is too small to hold a JSON object`);
  if (PREFIX_BYTES + length > fileSize) {
    throw new HeaderLengthError(
      `header length ${length} runs past the end of the file (${fileSize} bytes)`,
    );
  }
  return length;
}

/**
 * Parses and validates the header. `firstBytes` must hold at least the first 8 + N bytes of the
 * file (more is fine); `fileSize` is the whole file's size, used to check every offset.
 */
export function parseHeader(firstBytes: Uint8Array, fileSize: number): SafetensorsHeader {
  const headerLength = readHeaderLength(firstBytes, fileSize);
  if (firstBytes.length < PREFIX_BYTES + headerLength) {
    throw new HeaderLengthError(
      `need the first ${PREFIX_BYTES + headerLength} bytes to read the header, got ${firstBytes.length}`,
    );
  }
  const dataStart = PREFIX_BYTES + headerLength;
  const dataLength = fileSize - dataStart;
  const { json, text } = decodeJson(firstBytes.subarray(PREFIX_BYTES, dataStart));

  let metadata: Record<string, string> = {};
  const tensors: TensorInfo[] = [];
  for (const [name, value] of Object.entries(json)) {
    if (name === '__metadata__') metadata = checkMetadata(value);
    else tensors.push(checkTensor(name, value, dataLength));
  }
  // JSON.parse reads 2.0 and 1e0 as 2 and 1; the format wants integers, written as integers.
  const fractional = nonIntegerLiterals(text)[0];
  if (fractional) {
    throw new TensorEntryError(fractional.tensor, `"${fractional.field}" holds ${clean(fractional.literal)}: sizes and offsets must be written as integers`);
  }
  tensors.sort((a, b) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1] || (a.name < b.name ? -1 : 1));
  checkNoOverlap(tensors);
  checkContiguous(tensors, dataLength);
  return { headerLength, dataStart, dataLength, metadata, tensors };
}

/** A function that returns bytes [start, end) of a file: Blob.slice(…).arrayBuffer() or a fs read. */
export type ReadRange = (start: number, end: number) => Promise<Uint8Array>;

/** Reads only the prefix and the header of a file of `fileSize` bytes through `read`, then parses it. */
export async function readHeader(read: ReadRange, fileSize: number): Promise<SafetensorsHeader> {
  const prefix = await read(0, Math.min(PREFIX_BYTES, fileSize));
  const headerLength = readHeaderLength(prefix, fileSize);
  const first = await read(0, PREFIX_BYTES + headerLength);
  return parseHeader(first, fileSize);
}

function decodeJson(bytes: Uint8Array): { json: Record<string, unknown>; text: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new HeaderJsonError('header is not valid UTF-8');
  }
  // The reference requires the JSON to start with "{" and allows trailing spaces as padding.
  if (!text.startsWith('{')) throw new HeaderJsonError('header does not start with "{": not a safetensors file?');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HeaderJsonError(`header is not valid JSON (${clean(e instanceof Error ? e.message : String(e))})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HeaderJsonError(`header JSON is not an object but ${describe(value)}`);
  }
  return { json: value as Record<string, unknown>, text };
}

function checkMetadata(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MetadataError(`"__metadata__" must be an object of strings, found ${describe(value)}`);
  }
  const entries = Object.entries(value);
  for (const [key, v] of entries) {
    if (typeof v !== 'string') throw new MetadataError(`"__metadata__.${clean(key)}" must be a string, found ${describe(v)}`);
  }
  // fromEntries defines own properties, so a key such as "__proto__" stays data, not a prototype.
  return Object.fromEntries(entries) as Record<string, string>;
}

function checkTensor(name: string, value: unknown, dataLength: number): TensorInfo {
  const fail = (message: string) => new TensorEntryError(name, message);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(`entry must be an object, found ${describe(value)}`);
  const entry = value as Record<string, unknown>;
  const { dtype, shape, data_offsets: offsets } = entry;
  if (!isDtype(dtype)) {
    throw fail(dtype === undefined ? '"dtype" is missing' : `"dtype" is ${describe(dtype)}: not a known safetensors dtype`);
  }
  if (!Array.isArray(shape)) throw fail(`"shape" must be an array of non-negative integers, found ${describe(shape)}`);
  let elements = 1;
  for (const [i, dim] of shape.entries()) {
    if (typeof dim !== 'number' || !Number.isSafeInteger(dim) || dim < 0) {
      throw fail(`"shape"[${i}] is ${describe(dim)}, not a non-negative integer`);
    }
    elements *= dim;
    if (!Number.isSafeInteger(elements)) throw fail(`"shape" (${shape.length} dimensions) has too many elements`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2) throw fail(`"data_offsets" must be [begin, end], found ${describe(offsets)}`);
  const [begin, end] = offsets as unknown[];
  for (const [label, v] of [['begin', begin], ['end', end]] as const) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw fail(`"data_offsets" ${label} is ${describe(v)}, not a non-negative integer`);
    }
  }
  const b = begin as number;
  const e = end as number;
  if (e < b) throw fail(`"data_offsets" end ${e} is before begin ${b}`);
  if (e > dataLength) throw fail(`"data_offsets" [${b}, ${e}] run past the data area (${dataLength} bytes)`);
  const expected = byteLengthOf(dtype, elements);
  if (expected === null) throw fail(`${elements} elements of ${dtype} do not fill whole bytes`);
  if (expected !== e - b) {
    throw fail(`shape [${shape.length > 8 ? `${shape.slice(0, 8).join(', ')}, …` : shape.join(', ')}] × ${dtype} needs ${expected} bytes, but "data_offsets" hold ${e - b}`);
  }
  return { name, dtype, shape: shape as number[], dataOffsets: [b, e], elements };
}

function checkNoOverlap(sorted: TensorInfo[]): void {
  let previous: TensorInfo | undefined;
  for (const t of sorted) {
    if (t.dataOffsets[0] === t.dataOffsets[1]) continue; // an empty tensor claims no bytes
    if (previous && t.dataOffsets[0] < previous.dataOffsets[1]) {
      throw new OverlapError(
        `tensors "${clean(previous.name)}" [${previous.dataOffsets.join(', ')}] and "${clean(t.name)}" [${t.dataOffsets.join(', ')}] overlap`,
      );
    }
    previous = t;
  }
}

/**
 * The format's rule (and its reference reader's): the tensors, in offset order, tile the data
 * area from 0 to its end: no gap, no trailing bytes, and an empty tensor only at a boundary.
 */
function checkContiguous(sorted: TensorInfo[], dataLength: number): void {
  let end = 0;
  let previous: TensorInfo | undefined;
  for (const t of sorted) {
    const [b, e] = t.dataOffsets;
    if (b !== end) {
      const where = previous ? `after "${clean(previous.name)}", which ends at ${end}` : 'the first tensor must start at 0';
      throw new OffsetsError(
        b > end
          ? `tensor "${clean(t.name)}" starts at ${b}, leaving a gap of ${b - end} bytes (${where})`
          : `tensor "${clean(t.name)}" [${b}, ${e}] lies inside "${clean(previous!.name)}" [${previous!.dataOffsets.join(', ')}]`,
      );
    }
    end = e;
    previous = t;
  }
  if (end !== dataLength) {
    throw new OffsetsError(
      sorted.length === 0
        ? `there are no tensors but ${dataLength} bytes of data`
        : `the tensors end at byte ${end} of the data area, but it holds ${dataLength}: ${dataLength - end} trailing bytes`,
    );
  }
}
