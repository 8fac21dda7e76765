import { describe, expect, test } from 'vitest';
import { createLocalTinyLm } from '../../../src/lib/tinylm/engine.ts';
import { createTinyLmEngine, modelsBaseUrl, TinyLmWorkerError, type TinyLmWorkerLike } from '../../../src/workers/tinylm-client.ts';
import { createTinyLmHandler } from '../../../src/workers/tinylm.handler.ts';
import type { TinyLmRequest, TinyLmResponse } from '../../../src/workers/tinylm-protocol.ts';
import { fixtureFiles, memorySource, SMALL } from '../../fixtures/tiny-gpt.ts';

const files = fixtureFiles(SMALL, 'F16', 6);

/** A worker that runs the real handler in-process, asynchronously like postMessage. */
class FakeWorker implements TinyLmWorkerLike {
  onmessage: ((event: MessageEvent<TinyLmResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  sent: TinyLmRequest[] = [];
  terminated = false;
  private handle = createTinyLmHandler((id) => createLocalTinyLm(id, memorySource(files)));
  postMessage(message: TinyLmRequest): void {
    this.sent.push(message);
    setTimeout(() => void this.handle(message, (reply) => {
      if (!this.terminated) this.onmessage?.({ data: reply } as MessageEvent<TinyLmResponse>);
    }), 0);
  }
  terminate(): void { this.terminated = true; }
  crash(message: string): void { this.onerror?.({ message, preventDefault() {} } as ErrorEvent); }
}

function setUp() {
  const workers: FakeWorker[] = [];
  const engine = createTinyLmEngine('tiny-m', '/sub/models/', {
    createWorker: () => { const w = new FakeWorker(); workers.push(w); return w; },
  });
  return { engine, workers };
}

describe('createTinyLmEngine', () => {
  test('starts no worker until the first call, then loads before answering', async () => {
    const { engine, workers } = setUp();
    expect(workers).toHaveLength(0);
    const ids = await engine.tokenize('the hat');
    expect(workers).toHaveLength(1);
    expect(workers[0]!.sent[0]).toMatchObject({ type: 'load', modelId: 'tiny-m', modelsBaseUrl: '/sub/models/' });
    expect(await engine.detokenize(ids)).toBe('the hat');
  });

  test('trace comes back through the worker with the same numbers as the engine in-process', async () => {
    const { engine } = setUp();
    const ids = await engine.tokenize('the hat');
    const trace = await engine.trace(ids, { top: 3 });
    const local = await createLocalTinyLm('fx', memorySource(files)).trace(ids, { top: 3 });
    expect(trace.lens).toEqual(local.lens);
    expect([...trace.attention]).toEqual([...local.attention]);
    expect(trace.tokens).toEqual(local.tokens);
  });

  test('passes load progress and a full distribution through', async () => {
    const { engine } = setUp();
    const fractions: number[] = [];
    const info = await engine.load((p) => fractions.push(p.fraction));
    expect(info.contextLength).toBe(SMALL.contextLength);
    expect(fractions.at(-1)).toBe(1);
    const d = await engine.nextTokenDistribution([116, 256]);
    expect(d.ids).toBeInstanceOf(Int32Array);
    expect(d.logits.length).toBe(info.vocabSize);
  });

  test('aborting a score rejects at once with an AbortError and tells the worker', async () => {
    const { engine, workers } = setUp();
    await engine.load();
    const controller = new AbortController();
    const ids = Array.from({ length: 40 * SMALL.contextLength }, (_, i) => (i * 5) % 256);
    const running = engine.score(ids, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 0));
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.sent.map((m) => m.type)).toContain('cancel');
    const aborted = new AbortController();
    aborted.abort();
    await expect(engine.score(ids, { signal: aborted.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('if the worker dies, pending calls reject with a clear error and the next call starts a new worker', async () => {
    const { engine, workers } = setUp();
    await engine.load();
    const pending = engine.score(Array.from({ length: 20 * SMALL.contextLength }, (_, i) => i % 256));
    await new Promise((r) => setTimeout(r, 0));
    workers[0]!.crash('out of memory');
    await expect(pending).rejects.toThrow(TinyLmWorkerError);
    await expect(pending).rejects.toThrow("the built-in model's worker stopped: out of memory");
    expect(workers[0]!.terminated).toBe(true);
    expect(await engine.detokenize([116, 256])).toBe('the');
    expect(workers).toHaveLength(2);
  });

  test('errors from the worker keep their message', async () => {
    const { engine } = setUp();
    await expect(engine.nextTokenDistribution([])).rejects.toThrow('at least one token');
  });

  test('dispose ends the worker; the engine loads again on the next call', async () => {
    const { engine, workers } = setUp();
    await engine.load();
    await engine.dispose();
    expect(workers[0]!.terminated).toBe(true);
    await engine.load();
    expect(workers).toHaveLength(2);
  });
});

describe('createTinyLmEngine fetching on the page', () => {
  const served: Record<string, Uint8Array> = {
    'config.json': new TextEncoder().encode(JSON.stringify(files.config)),
    'tokenizer.json': new TextEncoder().encode(JSON.stringify(files.tokenizer)),
    'model.safetensors': files.safetensors,
  };
  const fakeFetch = (async (input: string | URL | Request) => {
    const url = String(input);
    const body = url.startsWith('/sub/models/tiny-m/') ? served[url.slice('/sub/models/tiny-m/'.length)] : undefined;
    return body ? new Response(body.slice(), { headers: { 'content-length': String(body.byteLength) } }) : new Response('', { status: 404 });
  }) as typeof fetch;

  test('hands the files to the worker, with progress from the download to 1', async () => {
    const workers: FakeWorker[] = [];
    const engine = createTinyLmEngine('tiny-m', '/sub/models/', {
      createWorker: () => { const w = new FakeWorker(); workers.push(w); return w; },
      fetchOnPage: true,
      fetch: fakeFetch,
    });
    const fractions: number[] = [];
    await engine.load((p) => fractions.push(p.fraction));
    const load = workers[0]!.sent[0]!;
    if (load.type !== 'load') throw new Error(load.type);
    expect(load.files?.weights.byteLength).toBe(files.safetensors.byteLength);
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(await engine.detokenize(await engine.tokenize('巴黎'))).toBe('巴黎');
  });

  test('a missing file rejects the load with its URL and status, and a later load retries', async () => {
    const engine = createTinyLmEngine('tiny-x', '/sub/models/', { createWorker: () => new FakeWorker(), fetchOnPage: true, fetch: fakeFetch });
    await expect(engine.load()).rejects.toThrow('could not fetch /sub/models/tiny-x/config.json: HTTP 404');
    await expect(engine.load()).rejects.toThrow('HTTP 404');
  });
});

describe('modelsBaseUrl', () => {
  test('is the site base followed by models/', () => {
    expect(modelsBaseUrl()).toBe(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}models/`);
  });
});
