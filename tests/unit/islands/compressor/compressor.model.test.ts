import { describe, expect, test } from 'vitest';
import { createCompressorModel } from '../../../../src/islands/compressor/compressor.model.ts';
import type { Engine, NextTokenDistribution } from '../../../../src/lib/engine/types.ts';

/** A byte-level fake engine that strongly expects the bytes of one memorized text. */
function fakeEngine(memorized: string): Engine {
  const known = Array.from(new TextEncoder().encode(memorized));
  return {
    load: async () => ({ id: 'fake', vocabSize: 256, contextLength: 32, parameters: 1 }),
    tokenize: async (text: string) => Array.from(new TextEncoder().encode(text)),
    detokenize: async (ids: number[]) => new TextDecoder().decode(Uint8Array.from(ids)),
    async nextTokenDistribution(ids: number[]): Promise<NextTokenDistribution> {
      // Guess the byte that followed the last one in the memorized text.
      const last = ids[ids.length - 1];
      const at = known.indexOf(last!);
      const guess = at >= 0 && at + 1 < known.length ? known[at + 1]! : 32;
      const order = [guess, ...Array.from({ length: 256 }, (_, i) => i).filter((i) => i !== guess)];
      return { ids: Int32Array.from(order), logits: Float32Array.from(order, (_, i) => (i === 0 ? 8 : 0)), logSumExp: Math.log(Math.exp(8) + 255) };
    },
  } as unknown as Engine;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('compressor state', () => {
  const memorized = 'the quick brown fox';
  const manifest = { sections: [{ id: 'p', kind: 'passage', language: 'en', repetitions: 32, example: memorized }] };

  test('offers corpus passages first, then a new text, and starts with the first', async () => {
    const m = createCompressorModel({ modelId: 'fake', engine: async () => fakeEngine(memorized), manifest: async () => manifest, gzip: async () => 40 }, 'en');
    await settle();
    expect(m.presets.value.map((p) => p.repetitions)).toEqual([32, 0]);
    expect(m.text.value).toBe(memorized);
  });

  test('a run reports sizes and a byte-exact round trip; a predictable text costs fewer bits than a new one', async () => {
    const m = createCompressorModel({ modelId: 'fake', engine: async () => fakeEngine(memorized), manifest: async () => manifest, gzip: async () => 40 }, 'en');
    await settle();
    await m.run();
    const known = m.report.value!;
    expect(known).toMatchObject({ inputBytes: memorized.length, gzipBytes: 40, stored: false, roundTrip: true });
    m.setText('zq xj vk wp');
    await m.run();
    const fresh = m.report.value!;
    expect(fresh.roundTrip).toBe(true);
    expect(fresh.modelBits / fresh.inputBytes).toBeGreaterThan((known.modelBits / known.inputBytes) * 2);
  });

  test('a stored text says why: the model would expand it, or the tokenizer cannot restore it', async () => {
    const m = createCompressorModel({ modelId: 'fake', engine: async () => fakeEngine(memorized), manifest: async () => manifest, gzip: async () => 40 }, 'en');
    await settle();
    await m.run();
    expect(m.report.value).toMatchObject({ stored: false, storedBecause: null });
    // Unknown bytes cost about 11.6 bits each under the fake model: more than the 8 they take.
    m.setText('zq xj vk wp');
    await m.run();
    const expands = m.report.value!;
    expect(expands).toMatchObject({ stored: true, storedBecause: 'expands', roundTrip: true });
    expect(expands.modelBits).toBeGreaterThan(expands.inputBytes * 8);
    // A tokenizer that drops a byte cannot reproduce the text.
    const lossy = { ...fakeEngine(memorized), tokenize: async (text: string) => Array.from(new TextEncoder().encode(text)).slice(1) } as Engine;
    const n = createCompressorModel({ modelId: 'fake', engine: async () => lossy, manifest: async () => manifest, gzip: async () => 40 }, 'en');
    await settle();
    await n.run();
    expect(n.report.value).toMatchObject({ stored: true, storedBecause: 'untokenizable', roundTrip: true });
  });

  test('an engine that fails to load is an error the view can show', async () => {
    const m = createCompressorModel({ modelId: 'fake', engine: async () => Promise.reject(new Error('HTTP 404')), manifest: async () => manifest }, 'en');
    await m.run();
    expect(m.phase.value).toBe('error');
    expect(m.error.value).toContain('404');
  });
});
