import { describe, expect, test } from 'vitest';
import type { LoadProgress } from '../../../../src/lib/engine/types.ts';
import { createLocalTinyLm } from '../../../../src/lib/tinylm/engine.ts';
import { referenceLogits } from '../../../fixtures/reference-gpt2.ts';
import { fixtureFiles, memorySource, SMALL } from '../../../fixtures/tiny-gpt.ts';

const files = fixtureFiles(SMALL, 'F32', 2);

describe('createLocalTinyLm', () => {
  test('load reports byte progress up to 1 and the model facts', async () => {
    const engine = createLocalTinyLm('fx', memorySource(files));
    const seen: LoadProgress[] = [];
    const info = await engine.load((p) => seen.push(p));
    expect(seen[0]!.fraction).toBe(0);
    expect(seen.at(-1)).toMatchObject({ fraction: 1, loadedBytes: files.safetensors.byteLength });
    expect(seen.map((p) => p.fraction)).toEqual([...seen.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(info).toEqual({
      id: 'fx', vocabSize: 256 + SMALL.vocabExtra, contextLength: SMALL.contextLength,
      parameters: files.tensors.reduce((a, t) => a + t.data.length, 0),
    });
  });

  test('loading twice (even at once) reads the weights once; dispose lets it load again', async () => {
    const source = memorySource(files);
    const engine = createLocalTinyLm('fx', source);
    const [a, b] = await Promise.all([engine.load(), engine.load()]);
    expect(a).toBe(b);
    expect(source.weightReads).toBe(1);
    await engine.dispose();
    await engine.load();
    expect(source.weightReads).toBe(2);
  });

  test('tokenize and detokenize round-trip any Unicode', async () => {
    const engine = createLocalTinyLm('fx', memorySource(files));
    for (const text of ['法国的首都是巴黎。', 'Hello, how are you?', '🤖👍🏽 e\u0301 𝌆']) {
      expect(await engine.detokenize(await engine.tokenize(text))).toBe(text);
    }
    expect(await engine.tokenTexts(await engine.tokenize('the'))).toEqual(['t', 'he']);
  });

  test('a byte token of a Chinese character has its text as U+FFFD and its exact bytes from tokenBytes', async () => {
    const engine = createLocalTinyLm('fx', memorySource(files));
    const ids = await engine.tokenize('巷');
    const texts = await engine.tokenTexts(ids);
    const bytes = await engine.tokenBytes!(ids);
    expect(texts.some((t) => t.includes('\uFFFD'))).toBe(true);
    expect(Uint8Array.from(bytes.flatMap((b) => [...b]))).toEqual(new TextEncoder().encode('巷'));
  });

  test('the distribution covers the vocabulary, sorted, with the reference model\'s probabilities', async () => {
    const engine = createLocalTinyLm('fx', memorySource(files));
    const ids = await engine.tokenize('the capital');
    const d = await engine.nextTokenDistribution(ids);
    expect(d.ids.length).toBe(256 + SMALL.vocabExtra);
    expect(new Set(d.ids).size).toBe(d.ids.length);
    for (let i = 1; i < d.logits.length; i++) expect(d.logits[i - 1]!).toBeGreaterThanOrEqual(d.logits[i]!);
    const total = [...d.logits].reduce((a, l) => a + Math.exp(l - d.logSumExp), 0);
    expect(total).toBeCloseTo(1, 6);
    const ref = referenceLogits(files.tensors, SMALL, ids).at(-1)!;
    expect(d.logits[0]).toBeCloseTo(ref[d.ids[0]!]!, 4);
  });

  test('a score running alongside next-token steps leaves both correct', async () => {
    const engine = createLocalTinyLm('fx', memorySource(files));
    const long = await engine.tokenize('the hat is on the mat and the cat is in the hat, then the end of it all');
    const alone = await engine.score(long, { topK: 2 });
    const together = engine.score(long, { topK: 2 });
    const steps = [];
    for (let n = 1; n <= 6; n++) steps.push((await engine.nextTokenDistribution(long.slice(0, n))).logits[0]);
    const fresh = createLocalTinyLm('fx', memorySource(files));
    for (let n = 1; n <= 6; n++) expect(steps[n - 1]).toBe((await fresh.nextTokenDistribution(long.slice(0, n))).logits[0]);
    expect(await together).toEqual(alone);
    expect(alone[0]!.top[0]!.token).toBeTypeOf('string');
  });
});
