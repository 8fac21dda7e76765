import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { serializeSafetensors } from '../../../src/lib/safetensors/index.ts';
import { parseGptConfig } from '../../../src/lib/tinylm/config.ts';
import { createGptRunner } from '../../../src/lib/tinylm/model.ts';
import { loadGptWeights } from '../../../src/lib/tinylm/weights.ts';
import { loadTokenizer } from '../../../src/lib/tokenizer/tokenizer.ts';
import { initialValues, type Gpt2Config } from '../../../src/lib/train/gpt2.ts';
import { toHfConfig } from '../../../src/lib/train/hf-config.ts';
import type { SaturationJob } from '../../../src/lib/world/saturation.ts';
import { f32Tensors } from '../../../src/tools/train/export.ts';
import { CHECK_TOLERANCE, measureRun, saturationTable, type SaturationRun } from '../../../src/tools/saturation-sweep.ts';

const tokenizer = loadTokenizer(JSON.parse(readFileSync('public/models/tokenizer.json', 'utf8')) as object);
const dir = mkdtempSync(join(tmpdir(), 'saturation-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job: SaturationJob = {
  id: 'micro-4-w4', shape: 'micro-4', people: 4, nEmbd: 4, nLayer: 1, nHead: 1, context: 64, vocabSize: tokenizer.vocabSize,
  steps: 10, batch: 2, lr: 0.01, warmup: 1, weightDecay: 0.01, seed: 1, tokens: 'world-4.u16', corpusTokens: 1000, tokensSeen: 1280, exposures: 12.8,
};
const gpt: Gpt2Config = { vocabSize: job.vocabSize, nPositions: job.context, nEmbd: job.nEmbd, nLayer: job.nLayer, nHead: job.nHead };
const values = initialValues(gpt, 3);
const file = serializeSafetensors(f32Tensors(gpt, values), { format: 'pt' });
const ids = tokenizer.encode('王伟的家乡是');
const runner = createGptRunner(loadGptWeights(file, parseGptConfig(toHfConfig(gpt))).weights, parseGptConfig(toHfConfig(gpt)));
const logits = [...runner.nextLogits(ids)].map((x) => Math.round(x * 1e5) / 1e5);

/** Writes the trained model and its log as train_world.py would, with `log` overriding fields. */
function writeRun(name: string, log: Record<string, unknown> = {}, bytes: Uint8Array = file): string {
  const d = join(dir, name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d);
  writeFileSync(join(d, `${job.id}.safetensors`), bytes);
  writeFileSync(join(d, `${job.id}.json`), JSON.stringify({ stepsDone: 10, finalLoss: 7.5, seconds: 1, device: 'test', job, check: { ids, logits }, ...log }));
  return d;
}

describe('measureRun', () => {
  test('measures a run whose file gives the trainer\'s logits: an untrained model stores nothing', () => {
    const run = measureRun(writeRun('ok'), job, 2, tokenizer);
    expect(run.people).toBe(4);
    expect(run.sampled).toBe(2);
    expect(run.worldBits).toBeCloseTo(4 * 18.873, 0);
    expect(run.bits).toBe(0);
    expect(run.params).toBe(2048 * 4 + 64 * 4 + 252);
  });

  test('a file laid out differently from the trainer\'s (its logits differ) is refused, naming the file', () => {
    const off = logits.map((x, i) => (i === 7 ? x + 10 * CHECK_TOLERANCE : x));
    expect(() => measureRun(writeRun('layout', { check: { ids, logits: off } }), job, 2, tokenizer)).toThrow(/micro-4-w4\.safetensors: our forward pass differs/);
  });

  test('a run stopped early is refused unless asked for, and a log from another manifest always', () => {
    const d = writeRun('partial', { stepsDone: 5 });
    expect(() => measureRun(d, job, 2, tokenizer)).toThrow(/5 of 10 steps/);
    expect(measureRun(d, job, 2, tokenizer, { partial: true }).bits).toBe(0);
    expect(() => measureRun(writeRun('other', { job: { ...job, lr: 0.02 } }), job, 2, tokenizer)).toThrow(/another manifest/);
  });

  test('a missing check or a broken log is a clear error', () => {
    expect(() => measureRun(writeRun('nocheck', { check: undefined }), job, 2, tokenizer)).toThrow(/check must hold/);
    expect(() => measureRun(writeRun('nan', { finalLoss: 'NaN' }), job, 2, tokenizer)).toThrow(/must be numbers/);
    const d = writeRun('garbled');
    writeFileSync(join(d, `${job.id}.json`), '{"stepsDone": 1');
    expect(() => measureRun(d, job, 2, tokenizer)).toThrow(/not JSON/);
  });
});

describe('saturationTable', () => {
  test('one row per shape, stored bits and recall per world, a dash where a run is missing', () => {
    const table = saturationTable({
      worlds: [{ people: 15, bits: 283.1, corpus_bytes: 1, corpus_tokens: 1 }, { people: 3000, bits: 56618, corpus_bytes: 1, corpus_tokens: 1 }],
      shapes: [{ id: 'micro-32', nEmbd: 32, nLayer: 2, nHead: 2, params: 93056, nonEmbeddingParams: 25472 }],
      runs: [{ shape: 'micro-32', people: 15, bits: 250.4, recall: 0.9 } as SaturationRun],
    });
    expect(table.split('\n')).toEqual([
      '| model | params | 15 people (283 bits) | 3,000 people (56,618 bits) |',
      '| --- | --- | --- | --- |',
      '| micro-32 | 93,056 | 250 (90 %) | – |',
    ]);
  });
});
