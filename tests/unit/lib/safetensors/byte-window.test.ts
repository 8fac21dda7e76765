import { describe, expect, test } from 'vitest';
import { hexRows, regionAt, valuesInWindow } from '../../../../src/lib/safetensors/byte-window.ts';
import { valueHistogram } from '../../../../src/lib/safetensors/histogram.ts';
import { parseHeader } from '../../../../src/lib/safetensors/header.ts';
import { serializeSafetensors } from '../../../../src/lib/safetensors/write.ts';

const file = serializeSafetensors([
  { name: 'w', dtype: 'F32', shape: [4], data: Float32Array.of(1, -2, 0.5, 8) },
  { name: 'e', dtype: 'F32', shape: [0], data: new Float32Array(0) },
  { name: 'q', dtype: 'I8', shape: [3], data: Int8Array.of(-1, 2, 3) },
]);
const header = parseHeader(file, file.length);

describe('hexRows', () => {
  test('shows offsets, two hex digits per byte and printable ASCII', () => {
    const rows = hexRows(Uint8Array.of(0x7b, 0x22, 0x00, 0xff, 0x41), 32, 4);
    expect(rows).toEqual([
      { offset: 32, hex: ['7b', '22', '00', 'ff'], ascii: '{"..' },
      { offset: 36, hex: ['41'], ascii: 'A' },
    ]);
  });
});

describe('regionAt', () => {
  test('tells the prefix, the header and each tensor apart', () => {
    expect(regionAt(header, 0).kind).toBe('prefix');
    expect(regionAt(header, 8).kind).toBe('header');
    const w = regionAt(header, header.dataStart + 5);
    expect(w.kind === 'tensor' && w.tensor.name === 'w' && w.element === 1).toBe(true);
    const q = regionAt(header, header.dataStart + 16 + 2);
    expect(q.kind === 'tensor' && q.tensor.name === 'q' && q.element === 2).toBe(true);
    expect(regionAt(header, file.length).kind).toBe('outside');
  });
});

describe('valuesInWindow', () => {
  test('decodes only the whole elements inside the window', () => {
    const w = header.tensors.find((t) => t.name === 'w')!;
    const base = header.dataStart + 2;
    const got = valuesInWindow(header, w, file.subarray(base, base + 9), base);
    expect(got?.firstElement).toBe(1);
    expect(Array.from(got!.values)).toEqual([-2]);
  });
});

describe('valueHistogram', () => {
  test('counts values into equal bins and reports mean and spread', () => {
    const h = valueHistogram([0, 0, 1, 2, 3, 4, Number.NaN], 4);
    expect(h.counts).toEqual([2, 1, 1, 2]);
    expect(h.count).toBe(6);
    expect(h.nonFinite).toBe(1);
    expect(h.mean).toBeCloseTo(10 / 6);
    expect([h.min, h.max]).toEqual([0, 4]);
  });
  test('a constant tensor puts everything in one bin', () => {
    expect(valueHistogram([3, 3, 3], 5).counts).toEqual([3, 0, 0, 0, 0]);
  });
});
