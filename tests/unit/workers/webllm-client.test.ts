import { describe, expect, test } from 'vitest';
import { WebLLMEngine, WebLLMError, type WorkerLike } from '../../../src/workers/webllm-client.ts';
import { createWebLLMHandler } from '../../../src/workers/webllm.handler.ts';
import type { WebLLMRequest, WebLLMResponse } from '../../../src/workers/webllm-protocol.ts';
import { fakeBackend, fakeRecord } from './webllm-fake.ts';

/** A Worker that runs the real handler in-process, asynchronously, like postMessage does. */
function fakeWorkers(options: Parameters<typeof fakeBackend>[0] = {}) {
  const started: (WorkerLike & { terminated: boolean; crash(): void; received: WebLLMRequest[] })[] = [];
  const create = () => {
    const handle = createWebLLMHandler(fakeBackend(options).backend);
    const worker = {
      terminated: false,
      received: [] as WebLLMRequest[],
      onmessage: null as ((e: MessageEvent<WebLLMResponse>) => void) | null,
      onerror: null as ((e: ErrorEvent) => void) | null,
      postMessage(req: WebLLMRequest) {
        worker.received.push(req);
        setTimeout(() => {
          if (worker.terminated) return;
          void handle(req, (m) => {
            if (!worker.terminated) setTimeout(() => worker.onmessage?.({ data: m } as MessageEvent<WebLLMResponse>));
          });
        });
      },
      terminate() {
        worker.terminated = true;
      },
      crash() {
        worker.onerror?.({ message: 'Out of memory', preventDefault() {} } as ErrorEvent);
      },
    };
    started.push(worker);
    return worker;
  };
  return { create, started };
}

function engine(create: () => WorkerLike) {
  let t = 0;
  return new WebLLMEngine({ record: fakeRecord(), parameters: 99, topK: 2, createWorker: create, now: () => (t += 1000) });
}

describe('WebLLMEngine', () => {
  test('starts no worker until load, then reports parsed progress and the model’s facts', async () => {
    const w = fakeWorkers();
    const e = engine(w.create);
    expect(w.started).toHaveLength(0);
    const progress: [number | undefined, number | undefined][] = [];
    const info = await e.load((p) => progress.push([p.loadedBytes, p.totalBytes]), 1e6);
    expect(w.started).toHaveLength(1);
    // first our byte count of the config against the estimate, then WebLLM's report (10 MB of 20)
    expect(progress).toEqual([
      [2048, 1e6],
      [2048, 20 * 2 ** 20],
    ]);
    expect(info).toMatchObject({ id: 'fake-q4f32_1-MLC', parameters: 99 });
  });

  test('implements the engine interface: tokenize, next-token distribution, scoring', async () => {
    const w = fakeWorkers();
    const e = engine(w.create);
    await e.load();
    expect(await e.tokenize('abc')).toEqual([0, 1, 2]);
    expect(await e.tokenTexts([0, 1])).toEqual(['a', 'b']);
    const d = await e.nextTokenDistribution([1, 2]);
    expect(Array.from(d.ids)).toEqual([3, 2]);
    const scores = await e.score([1, 2, 9]);
    expect(scores.map((s) => s.rank)).toEqual([2, 10]); // after [1,2] the favourite is 3; 9 is 6 away, beaten by 0–8
    expect(scores[0].top[0]).toMatchObject({ id: 1, token: 'b' });
  });

  test('cancelLoad ends the worker and rejects with a “cancelled” failure; the next load starts afresh', async () => {
    const w = fakeWorkers();
    const e = engine(w.create);
    const loading = e.load();
    e.cancelLoad();
    await expect(loading).rejects.toMatchObject({ failure: { code: 'cancelled' } });
    expect(w.started[0].terminated).toBe(true);
    await e.load();
    expect(w.started).toHaveLength(2);
  });

  test('a dead worker rejects what is pending with “worker-died”, and a new load restarts it', async () => {
    const w = fakeWorkers({ chunks: ['a', 'b', 'c', 'd', 'e'] });
    const e = engine(w.create);
    await e.load();
    const generating = e.complete('x', { maxTokens: 4, temperature: 1 }, { onDelta() {} });
    w.started[0].crash();
    const error = await generating.catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WebLLMError);
    expect((error as WebLLMError).failure.code).toBe('worker-died');
    expect(e.loaded).toBe(false);
    await expect(e.tokenize('a')).rejects.toBeInstanceOf(WebLLMError);
    await e.load();
    expect(await e.tokenize('a')).toEqual([0]);
  });

  test('a failed download arrives as a classified failure naming the file', async () => {
    const failLoad = Object.assign(new Error('HTTP 404'), { name: 'HttpError', url: 'https://h/fake/mlc-chat-config.json', status: 404 });
    const e = engine(fakeWorkers({ failLoad }).create);
    await expect(e.load()).rejects.toMatchObject({
      failure: { code: 'not-found', url: 'https://h/fake/mlc-chat-config.json', status: 404 },
    });
  });

  test('chat streams the template first, then the answer', async () => {
    const e = engine(fakeWorkers().create);
    await e.load();
    const events: string[] = [];
    const reason = await e.chat('hi', { maxTokens: 4, temperature: 0 }, {
      onTemplate: (prefix, segments) => events.push(`template ${prefix.ids.length} ${segments.length}`),
      onDelta: (t) => events.push(t),
    });
    expect(events).toEqual(['template 1 2', 'Sure.']);
    expect(reason).toBe('stop');
  });

  test('dispose unloads and ends the worker', async () => {
    const w = fakeWorkers();
    const e = engine(w.create);
    await e.load();
    await e.dispose();
    expect(w.started[0].received.at(-1)?.type).toBe('unload');
    expect(w.started[0].terminated).toBe(true);
    expect(e.loaded).toBe(false);
  });

  test('a failed load ends its worker (freeing the GPU), and the retry starts a fresh one', async () => {
    const failLoad = Object.assign(new Error('HTTP 503'), { name: 'HttpError', url: 'https://h/x', status: 503 });
    const w = fakeWorkers({ failLoad });
    const e = engine(w.create);
    await expect(e.load()).rejects.toMatchObject({ failure: { code: 'http' } });
    expect(w.started[0].terminated).toBe(true);
    await expect(e.load()).rejects.toMatchObject({ failure: { code: 'http' } });
    expect(w.started).toHaveLength(2);
  });

  test('a GPU lost after the load shows "device lost, reload", and the next click really reloads', async () => {
    const device = { lost: false };
    const w = fakeWorkers({ device });
    const e = engine(w.create);
    await e.load();
    device.lost = true;
    await expect(e.nextTokenDistribution([1])).rejects.toMatchObject({ failure: { code: 'device-lost-loaded' } });
    expect(e.loaded).toBe(false);
    device.lost = false;
    await e.load();
    expect(w.started[0].received.filter((r) => r.type === 'load')).toHaveLength(2);
    expect(Array.from((await e.nextTokenDistribution([1, 2])).ids)).toEqual([3, 2]);
  });
});
