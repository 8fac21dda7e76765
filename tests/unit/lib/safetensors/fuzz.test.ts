import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseHeader, SafetensorsError, serializeSafetensors, openSafetensors } from '../../../../src/lib/safetensors/index.ts';

/** Runs `f`; returns normally only if it succeeded or threw one of our own errors. */
function onlyOurErrors(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (!(e instanceof SafetensorsError)) throw new Error(`escaped a non-safetensors error: ${String(e)}`);
    expect(e.message.length).toBeGreaterThan(10);
  }
}

const sample = serializeSafetensors(
  [
    { name: 'wte.weight', dtype: 'F32', shape: [4, 8], data: Float32Array.from({ length: 32 }, (_, i) => i) },
    { name: 'ln_f.bias', dtype: 'F16', shape: [8], data: new Uint16Array(8) },
    { name: 'q', dtype: 'I8', shape: [3], data: Int8Array.of(-1, 0, 1) },
  ],
  { format: 'pt' },
);

describe('safetensors reader under fuzzing', () => {
  test('random bytes never crash it', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => onlyOurErrors(() => openSafetensors(bytes))), {
      numRuns: 2000,
    });
  });

  test('random bytes behind a plausible length prefix never crash it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(260), (body, n) => {
        const f = new Uint8Array(8 + body.length);
        new DataView(f.buffer).setUint32(0, n, true);
        f.set(body, 8);
        onlyOurErrors(() => openSafetensors(f));
      }),
      { numRuns: 2000 },
    );
  });

  test('every truncation of a valid file is rejected with our error', () => {
    for (let len = 0; len < sample.length; len++) {
      const cut = sample.slice(0, len);
      expect(() => parseHeader(cut, cut.length)).toThrow(SafetensorsError);
    }
  });

  test('mutated bytes in a valid header never crash it', () => {
    const headerEnd = 8 + Number(new DataView(sample.buffer).getBigUint64(0, true));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(headerEnd - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
        const f = sample.slice();
        for (const [at, byte] of edits) f[at] = byte;
        onlyOurErrors(() => {
          const file = openSafetensors(f);
          for (const t of file.tensors) file.float32(t.name);
        });
      }),
      { numRuns: 3000 },
    );
  });

  test('structurally mutated headers (wrong types, huge numbers, odd keys) never crash it', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, true, -1, 0, 1.5, 2 ** 53, 1e308, '', 'F32', 'BF16', '__metadata__'),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('dtype', 'shape', 'data_offsets', '__metadata__', 'x'), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 4 }), json, { maxKeys: 4 }), fc.nat(64), (header, dataBytes) => {
        const text = new TextEncoder().encode(JSON.stringify(header));
        const f = new Uint8Array(8 + text.length + dataBytes);
        new DataView(f.buffer).setUint32(0, text.length, true);
        f.set(text, 8);
        onlyOurErrors(() => {
          const file = openSafetensors(f);
          for (const t of file.tensors) file.float32(t.name);
        });
      }),
      { numRuns: 2000 },
    );
  });

  test('a 100 MB header claim on a short buffer fails fast instead of hanging', () => {
    const f = new Uint8Array(8);
    new DataView(f.buffer).setUint32(0, 99_999_999, true);
    // Fails on the length check before touching any data: a hang would meet the test timeout.
    expect(() => parseHeader(f, 2 ** 40)).toThrow(/need the first/);
  });
});
