/**
 * The compressed file's layout. A small header says which model coded it and how many tokens
 * follow, so the decoder knows when to stop without an end-of-text symbol:
 *
 *   "LMAC"  magic, 4 bytes
 *   1       format version, 1 byte
 *   mode    1 byte: 1 = model-coded tokens, 0 = stored verbatim (input the tokenizer cannot
 *           round-trip exactly, e.g. invalid UTF-8: the file still round-trips byte for byte)
 *   L, id   model id: length byte, then L bytes of UTF-8
 *   n       LEB128 varint: token count (mode 1) or byte count (mode 0)
 *   crc     CRC-32 of the original bytes, 4 bytes little-endian: a wrong model is caught, not trusted
 *   payload the arithmetic-coded bits, or the stored bytes
 */

/** Thrown for a file this format cannot decode, with the reason in the message. */
export class CompressedFormatError extends Error {
  override name = 'CompressedFormatError';
}

/** The four bytes every compressed file starts with. */
export const MAGIC = Uint8Array.of(0x4c, 0x4d, 0x41, 0x43); // "LMAC"
const VERSION = 1;

/** How the payload was produced. */
export type CodingMode = 'model' | 'stored';

/** Everything the header records. */
export interface CompressedHeader {
  mode: CodingMode;
  modelId: string;
  /** Tokens (mode "model") or bytes (mode "stored"). */
  count: number;
  crc32: number;
}

/** Writes header + payload into one file. */
export function writeContainer(header: CompressedHeader, payload: Uint8Array): Uint8Array {
  const id = new TextEncoder().encode(header.modelId);
  if (id.length > 255) throw new RangeError(`model id "${header.modelId}" is longer than 255 bytes`);
  const count = varint(header.count);
  const out = new Uint8Array(4 + 1 + 1 + 1 + id.length + count.length + 4 + payload.length);
  let at = 0;
  out.set(MAGIC, at);
  at += 4;
  out[at++] = VERSION;
  out[at++] = header.mode === 'model' ? 1 : 0;
  out[at++] = id.length;
  out.set(id, at);
  at += id.length;
  out.set(count, at);
  at += count.length;
  new DataView(out.buffer).setUint32(at, header.crc32 >>> 0, true);
  at += 4;
  out.set(payload, at);
  return out;
}

/** Splits a file into its header and payload; throws CompressedFormatError when it is not one of ours. */
export function readContainer(file: Uint8Array): { header: CompressedHeader; payload: Uint8Array } {
  const fail = (why: string) => new CompressedFormatError(why);
  if (file.length < 4 || MAGIC.some((b, i) => file[i] !== b)) throw fail('not a file written by compress (it does not start with "LMAC")');
  let at = 4;
  const need = (n: number) => {
    if (at + n > file.length) throw fail('the file is truncated: its header is incomplete');
  };
  need(3);
  const version = file[at++]!;
  if (version !== VERSION) throw fail(`format version ${version} is not supported (this reader knows version ${VERSION})`);
  const modeByte = file[at++]!;
  if (modeByte > 1) throw fail(`unknown coding mode ${modeByte}`);
  const idLength = file[at++]!;
  need(idLength);
  let modelId: string;
  try {
    modelId = new TextDecoder('utf-8', { fatal: true }).decode(file.subarray(at, at + idLength));
  } catch {
    throw fail('the model id in the header is not UTF-8');
  }
  at += idLength;
  let count = 0;
  for (let shift = 0; ; shift += 7) {
    need(1);
    if (shift > 49) throw fail('the token count in the header is too large');
    const b = file[at++]!;
    count += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) break;
  }
  need(4);
  const crc32 = new DataView(file.buffer, file.byteOffset + at, 4).getUint32(0, true);
  at += 4;
  const mode: CodingMode = modeByte === 1 ? 'model' : 'stored';
  const payload = file.subarray(at);
  if (mode === 'stored' && payload.length !== count) throw fail(`the file is truncated: ${count} stored bytes expected, ${payload.length} found`);
  return { header: { mode, modelId, count, crc32 }, payload };
}

function varint(n: number): Uint8Array {
  if (!(Number.isSafeInteger(n) && n >= 0)) throw new RangeError(`count ${n} is not a non-negative integer`);
  const bytes: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    bytes.push(b);
  } while (n > 0);
  return Uint8Array.from(bytes);
}
