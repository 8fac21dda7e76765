import { describe, expect, test } from 'vitest';
import { createTrainingClient, TrainingError, type TrainingWorkerLike } from '../../../src/workers/training-client.ts';
import type { RunInfo, TrainingRequest, TrainingResponse } from '../../../src/workers/training-protocol.ts';

const INFO: RunInfo = { backend: 'wasm', tokenizer: 'bytes', vocabSize: 256, params: 1000, weightBytes: 4000, textBytes: 100, tokens: 100, steps: 3, tokensPerStep: 256, seed: 1 };

/** A worker that answers each request with the replies `script` returns for it. */
function fakeWorker(script: (req: TrainingRequest) => TrainingResponse[]) {
  const sent: TrainingRequest[] = [];
  let created = 0;
  let terminated = 0;
  let current: TrainingWorkerLike | null = null;
  const factory = () => {
    created++;
    const w: TrainingWorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(req) {
        sent.push(req);
        queueMicrotask(() => {
          for (const data of script(req)) w.onmessage?.({ data } as MessageEvent<TrainingResponse>);
        });
      },
      terminate: () => void terminated++,
    };
    current = w;
    return w;
  };
  return { factory, sent, created: () => created, terminated: () => terminated, crash: (message: string) => current?.onerror?.({ message, preventDefault() {} } as ErrorEvent) };
}

const startOptions = { text: 'abc', seed: 1, size: 'small' as const, backend: 'auto' as const, tokenizerUrl: null };

describe('training client', () => {
  test('starts no worker until the first call, then streams a run to its listeners', async () => {
    const fake = fakeWorker((req) =>
      req.type === 'start'
        ? [
            { type: 'loading', id: req.id, stage: 'tfjs' },
            { type: 'started', id: req.id, info: INFO },
            { type: 'step', id: req.id, step: 1, loss: 5, lr: 0.001, tokensSeen: 256, stepsPerSecond: 2 },
            { type: 'finished', id: req.id, step: 1, reason: 'done' },
          ]
        : [],
    );
    const client = createTrainingClient(fake.factory);
    expect(fake.created()).toBe(0);
    const events: string[] = [];
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const info = await client.start(startOptions, {
      onLoading: (stage) => events.push(`loading ${stage}`),
      onStep: (s) => events.push(`step ${s.step} ${s.loss}`),
      onFinished: (step, reason) => {
        events.push(`finished ${step} ${reason}`);
        finish();
      },
    });
    await finished;
    expect(info).toEqual(INFO);
    expect(fake.created()).toBe(1);
    expect(events).toEqual(['loading tfjs', 'step 1 5', 'finished 1 done']);
  });

  test('a refusal before the run starts rejects start with the worker\'s code', async () => {
    const fake = fakeWorker((req) => [{ type: 'error', id: req.id, code: 'text-too-short', message: 'the text has 3 tokens' }]);
    const client = createTrainingClient(fake.factory);
    const error = await client.start(startOptions, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingError);
    expect(error).toMatchObject({ code: 'text-too-short', message: 'the text has 3 tokens' });
  });

  test('a crashed worker fails pending calls and reports to the running lab; the next call starts a new worker', async () => {
    const fake = fakeWorker((req) => (req.type === 'start' ? [{ type: 'started', id: req.id, info: INFO }] : req.type === 'held' ? [{ type: 'held', id: req.id, held: { textBytes: 0, tokens: 3 }, weightBytes: 4000 }] : []));
    const client = createTrainingClient(fake.factory);
    const errors: TrainingError[] = [];
    await client.start(startOptions, { onError: (e) => errors.push(e) });
    const exam = client.exam('abc', 5, 0, 1);
    fake.crash('out of memory');
    await expect(exam).rejects.toMatchObject({ code: 'failed' });
    expect(errors.map((e) => e.message)).toEqual(['the training worker stopped: out of memory']);
    expect(fake.terminated()).toBe(1);
    await expect(client.held()).resolves.toEqual({ held: { textBytes: 0, tokens: 3 }, weightBytes: 4000 });
    expect(fake.created()).toBe(2);
  });
});
