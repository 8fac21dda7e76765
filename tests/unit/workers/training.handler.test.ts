import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../../../src/tools/train/tfjs-wasm.ts';
import { createTrainingHandler } from '../../../src/workers/training.handler.ts';
import type { TrainingRequest, TrainingResponse } from '../../../src/workers/training-protocol.ts';
import { gpt2ParamCount, gpt2Shapes } from '../../../src/lib/train/gpt2.ts';
import { LAB_SIZES, labConfig, labParamCount, MAX_PARAMS } from '../../../src/lib/train/browser-lab-config.ts';
import { openSafetensors } from '../../../src/lib/safetensors/index.ts';

// A short rhyme repeated: a text a micro model can memorise within a few dozen steps.
const TEXT = 'Twinkle, twinkle, little star, how I wonder what you are! '.repeat(12);

beforeAll(async () => {
  await useWasmBackend();
});

/** A handler on the WASM backend with the byte tokenizer (tokenizerUrl null), and its replies. */
function harness() {
  const handle = createTrainingHandler({
    prepareBackend: async () => {
      await useWasmBackend();
      return 'wasm';
    },
    sampleEveryMs: 60_000,
  });
  const replies: TrainingResponse[] = [];
  const waiters: { check: () => boolean; resolve: () => void }[] = [];
  const post = (m: TrainingResponse) => {
    replies.push(m);
    for (const w of [...waiters]) {
      if (w.check()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const until = (check: () => boolean) =>
    check() ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ check, resolve }));
  const send = (m: TrainingRequest) => handle(m, post);
  const of = <T extends TrainingResponse['type']>(type: T, id?: number) =>
    replies.filter((r): r is Extract<TrainingResponse, { type: T }> => r.type === type && (id === undefined || r.id === id));
  return { send, until, of, replies };
}

const start = (id: number, seed = 7): TrainingRequest => ({ type: 'start', id, text: TEXT, seed, size: 'small', backend: 'auto', tokenizerUrl: null });

/** Starts a run and stops it once `steps` steps have been reported; returns the losses. */
async function trainFor(h: ReturnType<typeof harness>, steps: number, seed = 7): Promise<number[]> {
  await h.send(start(1, seed));
  expect(h.of('error')).toEqual([]);
  await h.until(() => h.of('step', 1).length >= steps);
  await h.send({ type: 'stop', id: 2 });
  await h.until(() => h.of('finished', 1).length === 1);
  return h.of('step', 1).map((s) => s.loss);
}

/**
 * Real TensorFlow.js training steps: a few seconds on an idle machine, past 30 s beside a busy one
 * (measured at a load average of 20 on 2 cores), so these two tests get room of their own.
 */
const TRAINING_TIMEOUT_MS = 150_000;

describe('training handler', () => {
  test('studies the text: the loss falls over a few dozen steps of the shared training step', { timeout: TRAINING_TIMEOUT_MS }, async () => {
    const h = harness();
    const losses = await trainFor(h, 40);
    const info = h.of('started', 1)[0]!.info;
    expect(info).toMatchObject({ backend: 'wasm', tokenizer: 'bytes', vocabSize: 256, textBytes: TEXT.length, tokens: TEXT.length });
    // At the start every byte is about equally likely: ln 256 ≈ 5.5 nats.
    expect(losses[0]).toBeGreaterThan(Math.log(256) - 0.5);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 1.5);
    expect(h.of('finished', 1)[0]).toMatchObject({ reason: 'stopped' });
    const last = h.of('step', 1).at(-1)!;
    expect(last.tokensSeen).toBe(last.step * info.tokensPerStep);
    expect(last.stepsPerSecond).toBeGreaterThan(0);
    // The first step always sends a sample and the heat map.
    expect(h.of('sample', 1)[0]!.prompt).toBe(TEXT.slice(0, 4));
    expect(h.of('heatmap', 1)[0]).toMatchObject({ name: 'h.0.attn.c_attn.weight', rows: 32, cols: 32 });
    await h.send({ type: 'dispose', id: 3 });
  });

  test('is deterministic: the same seed on the same backend gives the same losses', { timeout: TRAINING_TIMEOUT_MS }, async () => {
    const run = async (seed: number) => {
      const h = harness();
      const losses = await trainFor(h, 6, seed);
      await h.send({ type: 'dispose', id: 9 });
      return losses;
    };
    const a = await run(11);
    const b = await run(11);
    const c = await run(12);
    expect(b.slice(0, 6)).toEqual(a.slice(0, 6));
    expect(c.slice(0, 6)).not.toEqual(a.slice(0, 6));
  });

  test('takes the books away: the worker holds no text, and the exam answers from the weights', async () => {
    const h = harness();
    await h.send(start(1));
    await h.until(() => h.of('step', 1).length >= 3);
    await h.send({ type: 'exam', id: 2, prompt: 'Twinkle', maxTokens: 5, temperature: 0, seed: 1 });
    expect(h.of('error', 2)[0]).toMatchObject({ code: 'busy' });
    await h.send({ type: 'held', id: 3 });
    expect(h.of('held', 3)[0]!.held.tokens).toBe(TEXT.length);
    await h.send({ type: 'forget', id: 4 });
    expect(h.of('finished', 1)).toHaveLength(1);
    expect(h.of('held', 4)[0]).toMatchObject({ held: { textBytes: 0, tokens: 0 } });
    await h.send({ type: 'exam', id: 5, prompt: 'Twinkle', maxTokens: 12, temperature: 0, seed: 1 });
    const answer = h.of('answer', 5)[0]!;
    expect(answer.tokens).toBe(12);
    expect(answer.continuation.length).toBeGreaterThan(0);
    await h.send({ type: 'exam', id: 6, prompt: 'Twinkle', maxTokens: 12, temperature: 0, seed: 2 });
    expect(h.of('answer', 6)[0]!.continuation).toBe(answer.continuation);
    await h.send({ type: 'exam', id: 7, prompt: '', maxTokens: 12, temperature: 0, seed: 1 });
    expect(h.of('error', 7)[0]).toMatchObject({ code: 'empty-prompt' });
    await h.send({ type: 'dispose', id: 8 });
  });

  test('exports the weights as a .safetensors file with Hugging Face GPT-2 names', async () => {
    const h = harness();
    await trainFor(h, 2);
    await h.send({ type: 'export', id: 5 });
    const reply = h.of('weights', 5)[0]!;
    expect(reply.fileName).toMatch(/\.safetensors$/);
    const file = openSafetensors(reply.file);
    const config = labConfig('small', 256);
    expect(file.tensors.map((t) => t.name).sort()).toEqual(gpt2Shapes(config).map(([n]) => n).sort());
    expect(file.info('wte.weight')).toMatchObject({ dtype: 'F32', shape: [256, 32] });
    expect(file.info('h.1.mlp.c_fc.weight')!.shape).toEqual([32, 128]);
    expect(JSON.parse(file.metadata.config!)).toMatchObject({ model_type: 'gpt2', n_embd: 32, vocab_size: 256 });
    expect(file.metadata.seed).toBe('7');
    await h.send({ type: 'dispose', id: 6 });
  });

  test('keeps memory bounded: the number of live tensors does not grow with the steps', async () => {
    const h = harness();
    await h.send(start(1));
    await h.until(() => h.of('step', 1).length >= 5);
    const early = tf.memory().numTensors;
    await h.until(() => h.of('step', 1).length >= 20);
    await h.send({ type: 'pause', id: 2 });
    const late = tf.memory().numTensors;
    expect(late).toBe(early);
    await h.send({ type: 'dispose', id: 3 });
  });

  test('refuses a text shorter than one training window, with a code the page can translate', async () => {
    const h = harness();
    await h.send({ ...start(1), text: 'too short' } as TrainingRequest);
    expect(h.of('error', 1)[0]).toMatchObject({ code: 'text-too-short' });
    expect(h.of('started')).toEqual([]);
  });
});

describe('lab sizes', () => {
  test('count parameters as gpt2ParamCount does, within the cap, for both tokenizers', () => {
    for (const size of LAB_SIZES) {
      for (const vocab of [256, 2048]) {
        const c = labConfig(size, vocab);
        expect(labParamCount(c)).toBe(gpt2ParamCount(c));
        expect(labParamCount(c)).toBeLessThanOrEqual(MAX_PARAMS);
      }
    }
  });
});
