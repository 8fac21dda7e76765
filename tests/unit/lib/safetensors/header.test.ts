import { describe, expect, test } from 'vitest';
import { MAX_HEADER_BYTES, parseHeader, readHeader } from '../../../../src/lib/safetensors/header.ts';
import {
  OffsetsError,
  HeaderJsonError,
  HeaderLengthError,
  MetadataError,
  OverlapError,
  TensorEntryError,
} from '../../../../src/lib/safetensors/errors.ts';
import { serializeSafetensors } from '../../../../src/lib/safetensors/write.ts';

/** A file with the given header JSON text and `dataBytes` zero bytes of data. */
function fileWith(header: string, dataBytes: number): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}
const parse = (f: Uint8Array) => parseHeader(f, f.length);
const entry = (dtype: string, shape: unknown, offsets: unknown) =>
  JSON.stringify({ dtype, shape, data_offsets: offsets });

describe('parseHeader', () => {
  test('reads dtype, shape, offsets and metadata of a valid file, in file order', () => {
    const f = fileWith(
      `{"b":${entry('F16', [2, 3], [16, 28])},"__metadata__":{"format":"pt"},"a":${entry('F32', [4], [0, 16])}}`,
      28,
    );
    const h = parse(f);
    expect(h.metadata).toEqual({ format: 'pt' });
    expect(h.tensors.map((t) => [t.name, t.dtype, t.shape, t.dataOffsets, t.elements])).toEqual([
      ['a', 'F32', [4], [0, 16], 4],
      ['b', 'F16', [2, 3], [16, 28], 6],
    ]);
    expect(h.dataStart).toBe(8 + h.headerLength);
    expect(h.dataLength).toBe(28);
  });

  test('accepts a scalar (shape []) and an empty tensor (a 0 in the shape)', () => {
    const h = parse(fileWith(`{"s":${entry('I64', [], [0, 8])},"e":${entry('F32', [0, 5], [8, 8])}}`, 8));
    expect(h.tensors.find((t) => t.name === 's')?.elements).toBe(1);
    expect(h.tensors.find((t) => t.name === 'e')?.elements).toBe(0);
  });

  test('rejects a header length that runs past the end of the file', () => {
    const f = fileWith('{}', 0);
    new DataView(f.buffer).setUint32(0, 1000, true);
    expect(() => parse(f)).toThrow(HeaderLengthError);
    expect(() => parse(f)).toThrow(/past the end of the file/);
  });

  test('rejects a header length above the 100 MB cap before reading anything else', () => {
    const f = new Uint8Array(16);
    new DataView(f.buffer).setUint32(0, MAX_HEADER_BYTES + 1, true);
    expect(() => parseHeader(f, 1e12)).toThrow(/limit/);
    new DataView(f.buffer).setUint32(4, 0xffffffff, true);
    expect(() => parseHeader(f, 1e12)).toThrow(HeaderLengthError);
  });

  test('rejects files shorter than the 8-byte prefix', () => {
    expect(() => parse(new Uint8Array(5))).toThrow(/file too short/);
  });

  test('rejects invalid UTF-8, invalid JSON, and JSON that is not an object', () => {
    expect(() => parse(fileWith('{"a\udcff', 0))).toThrow(HeaderJsonError);
    const badUtf8 = fileWith('{"xx":1}', 0);
    badUtf8[10] = 0xff;
    expect(() => parse(badUtf8)).toThrow(/UTF-8/);
    expect(() => parse(fileWith('{"a":', 0))).toThrow(/not valid JSON/);
    expect(() => parse(fileWith('[1, 2]', 0))).toThrow(/start with "\{"/);
  });

  test('rejects metadata values that are not strings, naming the key', () => {
    expect(() => parse(fileWith('{"__metadata__":{"step":3}}', 0))).toThrow(MetadataError);
    expect(() => parse(fileWith('{"__metadata__":{"step":3}}', 0))).toThrow(/__metadata__\.step/);
  });

  test('rejects an unknown dtype, naming the tensor', () => {
    expect(() => parse(fileWith(`{"wte.weight":${entry('F17', [1], [0, 4])}}`, 4))).toThrow(
      /tensor "wte.weight": "dtype" is the string "F17": not a known safetensors dtype/,
    );
  });

  test('rejects negative, fractional or non-numeric shapes', () => {
    for (const shape of [[-1], [1.5], ['2'], 3, null]) {
      expect(() => parse(fileWith(`{"t":${entry('U8', shape, [0, 0])}}`, 0))).toThrow(TensorEntryError);
    }
  });

  test('rejects offsets outside the data area or reversed', () => {
    expect(() => parse(fileWith(`{"t":${entry('U8', [4], [0, 4])}}`, 3))).toThrow(/past the data area \(3 bytes\)/);
    expect(() => parse(fileWith(`{"t":${entry('U8', [0], [4, 2])}}`, 4))).toThrow(/before begin/);
    expect(() => parse(fileWith(`{"t":${entry('U8', [1], [0])}}`, 4))).toThrow(/\[begin, end\]/);
  });

  test('rejects a byte range that does not equal shape × dtype size', () => {
    expect(() => parse(fileWith(`{"t":${entry('F32', [2, 2], [0, 12])}}`, 16))).toThrow(
      /shape \[2, 2\] × F32 needs 16 bytes, but "data_offsets" hold 12/,
    );
  });

  test('rejects overlapping tensors, naming both', () => {
    expect(() => parse(fileWith(`{"a":${entry('U8', [4], [0, 4])},"b":${entry('U8', [4], [2, 6])}}`, 6))).toThrow(
      OverlapError,
    );
    expect(() => parse(fileWith(`{"a":${entry('U8', [4], [0, 4])},"b":${entry('U8', [4], [0, 4])}}`, 4))).toThrow(/"a".*"b"/);
  });
});

describe('readHeader', () => {
  test('reads only the prefix and the header, never the data area', async () => {
    const file = serializeSafetensors([{ name: 'big', dtype: 'F32', shape: [1000], data: new Float32Array(1000) }]);
    const reads: [number, number][] = [];
    const h = await readHeader(async (start, end) => {
      reads.push([start, end]);
      return file.slice(start, end);
    }, file.length);
    expect(h.tensors[0]?.name).toBe('big');
    expect(Math.max(...reads.map(([, end]) => end))).toBe(h.dataStart);
    expect(reads.length).toBe(2);
  });

  test('handles a 20 GB file: offsets beyond 2^32 are exact, and only the header is read', async () => {
    const rows = 5_000_000_000; // 5e9 F32 values = 20 GB
    const header = fileWith(`{"huge":${entry('F32', [rows], [0, rows * 4])}}`, 0);
    const size = header.length + rows * 4;
    const h = await readHeader(async (start, end) => header.slice(start, Math.min(end, header.length)), size);
    expect(h.tensors[0]?.dataOffsets[1]).toBe(20_000_000_000);
    expect(h.dataLength).toBe(20_000_000_000);
  });
});

describe('parseHeader enforces what the format demands (#17 point 5)', () => {
  test('the tensors must tile the data area: a gap, a first tensor not at 0, trailing bytes are refused', () => {
    const a = entry('U8', [4], [0, 4]);
    expect(() => parse(fileWith(`{"a":${a},"b":${entry('U8', [4], [6, 10])}}`, 10))).toThrow(
      /tensor "b" starts at 6, leaving a gap of 2 bytes \(after "a", which ends at 4\)/,
    );
    expect(() => parse(fileWith(`{"a":${entry('U8', [4], [2, 6])}}`, 6))).toThrow(/the first tensor must start at 0/);
    expect(() => parse(fileWith(`{"a":${a}}`, 7))).toThrow(/end at byte 4 of the data area, but it holds 7: 3 trailing bytes/);
    expect(() => parse(fileWith(`{}`, 1))).toThrow(OffsetsError);
  });

  test('an empty tensor inside the range of another is refused; at a boundary it is fine', () => {
    expect(() => parse(fileWith(`{"a":${entry('U8', [4], [0, 4])},"z":${entry('U8', [0], [2, 2])}}`, 4))).toThrow(
      /tensor "z" \[2, 2\] lies inside "a" \[0, 4\]/,
    );
    const ok = parse(fileWith(`{"a":${entry('U8', [4], [0, 4])},"z":${entry('U8', [0], [4, 4])},"b":${entry('U8', [1], [4, 5])}}`, 5));
    expect(ok.tensors.map((t) => t.name)).toEqual(['a', 'z', 'b']);
  });

  test('2.0 and 1e0 in shapes and offsets are refused: integers only', () => {
    for (const [shape, offsets] of [['[2.0]', '[0,2]'], ['[1e0,2]', '[0,2]'], ['[2]', '[0,2.0]'], ['[2]', '[0E0,2]']]) {
      const header = `{"t":{"dtype":"U8","shape":${shape},"data_offsets":${offsets}}}`;
      expect(() => parse(fileWith(header, 2)), header).toThrow(/tensor "t": "(shape|data_offsets)" holds [0-9.eE]+: sizes and offsets must be written as integers/);
    }
    // A fraction in metadata text or an unknown field is not a size: only shapes and offsets count.
    expect(parse(fileWith('{"__metadata__":{"v":"2.0"},"t":{"dtype":"U8","shape":[2],"data_offsets":[0,2],"x":1.5}}', 2)).tensors).toHaveLength(1);
  });

  test('messages survive a value nested 6,000 deep, name the field, and describe what was found', () => {
    const deep = '['.repeat(6000) + ']'.repeat(6000);
    const messageOf = (header: string) => {
      try {
        parse(fileWith(header, 0));
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(messageOf(`{"t":{"dtype":"U8","shape":${deep},"data_offsets":[0,0]}}`)).toBe('tensor "t": "shape"[0] is an array of 1 item, not a non-negative integer');
    expect(messageOf(`{"t":{"dtype":${deep},"shape":[0],"data_offsets":[0,0]}}`)).toBe('tensor "t": "dtype" is an array of 1 item: not a known safetensors dtype');
    expect(messageOf(`{"t":{"shape":[0],"data_offsets":[0,0]}}`)).toBe('tensor "t": "dtype" is missing');
    expect(messageOf(`{"t":{"dtype":"U8","shape":[0],"data_offsets":[null,0]}}`)).toBe('tensor "t": "data_offsets" begin is null, not a non-negative integer');
    expect(messageOf(`{"t":{"dtype":"U8","data_offsets":[0,0]}}`)).toBe('tensor "t": "shape" must be an array of non-negative integers, found missing');
    expect(messageOf(`{"__metadata__":{"k":${deep}}}`)).toBe('"__metadata__.k" must be a string, found an array of 1 item');
  });

  test('long values are cut and terminal control characters stripped', () => {
    const evil = `\u001b[2J\u001b]0;pwned\u0007${'x'.repeat(500)}`;
    let message = '';
    try {
      parse(fileWith(JSON.stringify({ [evil]: { dtype: evil, shape: [0], data_offsets: [0, 0] } }), 0));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^tensor "\uFFFD\[2J/);
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(message.length).toBeLessThan(200);
  });
});
