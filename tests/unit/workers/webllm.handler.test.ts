import { describe, expect, test } from 'vitest';
import { createWebLLMHandler } from '../../../src/workers/webllm.handler.ts';
import type { WebLLMRequest, WebLLMResponse } from '../../../src/workers/webllm-protocol.ts';
import { fakeBackend, fakeLogits, fakeRecord, VOCAB } from './webllm-fake.ts';

function setup(options: Parameters<typeof fakeBackend>[0] = {}) {
  const { backend, log } = fakeBackend(options);
  const handle = createWebLLMHandler(backend);
  const replies: WebLLMResponse[] = [];
  const transfers: Transferable[][] = [];
  const send = (req: WebLLMRequest) =>
    handle(req, (m, t) => {
      replies.push(m);
      if (t) transfers.push(t);
    });
  return { send, replies, transfers, log };
}

const load = (id = 1): WebLLMRequest => ({ type: 'load', id, record: fakeRecord(), parameters: 123 });

describe('webllm handler', () => {
  test('load reports progress, then the model’s facts; loading the same model again does not reload', async () => {
    const { send, replies, log } = setup();
    await send(load(1));
    await send(load(2));
    expect(replies.map((r) => r.type)).toEqual(['download', 'progress', 'loaded', 'loaded']);
    expect(replies[0]).toEqual({ type: 'download', id: 1, url: 'https://h/fake/mlc-chat-config.json', loaded: 2048, total: 2048 });
    expect(replies[2]).toMatchObject({ info: { id: 'fake-q4f32_1-MLC', vocabSize: VOCAB, contextLength: 8, parameters: 123 } });
    expect(log.loads).toBe(1);
  });

  test('next: the top candidates with logSumExp over the full vocabulary, typed arrays transferred', async () => {
    const { send, replies, transfers } = setup();
    await send(load());
    await send({ type: 'next', id: 2, ids: [3, 4], topK: 3, targets: [9] });
    const d = replies.at(-1);
    if (d?.type !== 'distribution') throw new Error(`got ${d?.type}`);
    expect(Array.from(d.ids)).toEqual([7, 6, 8]);
    const full = fakeLogits([3, 4]);
    const lse = Math.log(full.reduce((s, l) => s + Math.exp(l), 0));
    expect(d.logSumExp).toBeCloseTo(lse, 5);
    expect(d.targets).toEqual([{ id: 9, logit: -2, rank: 4 }]);
    expect(transfers.at(-1)).toHaveLength(2);
  });

  test('extending the text by one token feeds only that token; any other text starts over', async () => {
    const { send, log } = setup();
    await send(load());
    await send({ type: 'next', id: 2, ids: [1, 2, 3], topK: 1 });
    await send({ type: 'next', id: 3, ids: [1, 2, 3, 4], topK: 1 });
    await send({ type: 'next', id: 4, ids: [1, 2, 5], topK: 1 });
    expect(log.fed).toEqual([[1, 2, 3], [4], [1, 2, 5]]);
    expect(log.resets).toBe(2);
  });

  test('the cached-prefix shortcut gives the same distribution as starting over', async () => {
    const a = setup();
    await a.send(load());
    await a.send({ type: 'next', id: 2, ids: [5, 6], topK: 4 });
    await a.send({ type: 'next', id: 3, ids: [5, 6, 7], topK: 4 });
    const b = setup();
    await b.send(load());
    await b.send({ type: 'next', id: 2, ids: [5, 6, 7], topK: 4 });
    const last = (r: WebLLMResponse[]) => {
      const d = r.at(-1);
      return d?.type === 'distribution' ? Array.from(d.ids) : null;
    };
    expect(last(a.replies)).toEqual(last(b.replies));
  });

  test('only the last contextLength tokens are used', async () => {
    const { send, log } = setup();
    await send(load());
    await send({ type: 'next', id: 2, ids: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], topK: 1 });
    expect(log.fed).toEqual([[3, 4, 5, 6, 7, 8, 9, 10]]);
  });

  test('a request before load, or with no tokens, is answered with an error, never thrown', async () => {
    const { send, replies } = setup();
    await send({ type: 'tokenize', id: 1, text: 'ab' });
    await send(load(2));
    await send({ type: 'next', id: 3, ids: [], topK: 1 });
    expect(replies.filter((r) => r.type === 'error').map((r) => r.id)).toEqual([1, 3]);
    expect(replies[0]).toMatchObject({ type: 'error', error: { name: 'ModelNotLoadedError' } });
  });

  test('a failed load is reported with its name, URL and status', async () => {
    const failLoad = Object.assign(new Error('HTTP 404 for https://h/x'), { name: 'HttpError', url: 'https://h/x', status: 404 });
    const { send, replies } = setup({ failLoad });
    await send(load(1));
    expect(replies.at(-1)).toEqual({ type: 'error', id: 1, error: { name: 'HttpError', message: 'HTTP 404 for https://h/x', url: 'https://h/x', status: 404 } });
  });

  test('complete streams deltas then done; a generation empties the KV cache first', async () => {
    const { send, replies, log } = setup();
    await send(load());
    await send({ type: 'next', id: 2, ids: [1, 2], topK: 1 });
    await send({ type: 'complete', id: 3, prompt: 'Once', options: { maxTokens: 8, temperature: 0.7 } });
    expect(replies.filter((r) => r.id === 3)).toEqual([
      { type: 'delta', id: 3, text: ' once' },
      { type: 'delta', id: 3, text: ' upon' },
      { type: 'done', id: 3, finishReason: 'length' },
    ]);
    // after a generation the KV cache is not trusted: the next request starts over
    await send({ type: 'next', id: 4, ids: [1, 2, 3], topK: 1 });
    expect(log.fed.at(-1)).toEqual([1, 2, 3]);
  });

  test('chat sends the templated prompt with each token’s text before the answer', async () => {
    const { send, replies } = setup();
    await send(load());
    await send({ type: 'chat', id: 2, user: 'hi', options: { maxTokens: 8, temperature: 0 } });
    const mine = replies.filter((r) => r.id === 2);
    expect(mine.map((r) => r.type)).toEqual(['template', 'delta', 'done']);
    expect(mine[0]).toMatchObject({
      prefix: { text: 'b', ids: [1], tokens: ['b'] },
      segments: [
        { text: '<|user|>\n', ids: [20, 21], tokens: ['u', 'v'] },
        { text: 'hi<|end|>\n<|assistant|>\n', ids: [0, 1], tokens: ['a', 'b'] },
      ],
    });
  });

  test('stop interrupts a running generation at once, without waiting in the queue', async () => {
    const { send, replies, log } = setup({ chunks: ['a', 'b', 'c', 'd'] });
    await send(load());
    const running = send({ type: 'complete', id: 2, prompt: 'x', options: { maxTokens: 8, temperature: 1 } });
    while (!replies.some((r) => r.id === 2 && r.type === 'delta')) await new Promise((r) => setTimeout(r, 1));
    await send({ type: 'stop', id: 3 });
    await running;
    expect(log.interrupts).toBe(1);
    expect(replies.find((r) => r.id === 2 && r.type === 'done')).toMatchObject({ finishReason: 'abort' });
  });

  test('unload frees the model; the next request says no model is loaded', async () => {
    const { send, replies, log } = setup();
    await send(load());
    await send({ type: 'unload', id: 2 });
    await send({ type: 'tokenize', id: 3, text: 'a' });
    expect(log.unloads).toBe(1);
    expect(replies.at(-1)).toMatchObject({ type: 'error', id: 3 });
  });

  test('a GPU lost after the load: a "device lost, reload" error, the dead engine dropped, the next load reloads', async () => {
    const device = { lost: false };
    const { send, replies, log } = setup({ device });
    await send(load(1));
    device.lost = true;
    await send({ type: 'next', id: 2, ids: [1], topK: 2 });
    expect(replies.at(-1)).toMatchObject({ type: 'error', id: 2, error: { name: 'DeviceLostAfterLoad' } });
    expect(log.unloads).toBe(1);
    device.lost = false;
    await send(load(3));
    expect(log.loads).toBe(2);
    expect(replies.at(-1)).toMatchObject({ type: 'loaded', id: 3 });
  });

  test('a model with a BOS (Ministral 3 Base): it leads every prediction and completion, and the reader never sees it', async () => {
    const { send, replies, log } = setup({ bosIds: { '<s>': [30] } });
    await send({ type: 'load', id: 1, record: fakeRecord(), parameters: 1, bos: '<s>' });
    await send({ type: 'next', id: 2, ids: [3, 4], topK: 1 });
    expect(log.fed.at(-1)).toEqual([30, 3, 4]);
    const d = replies.at(-1);
    if (d?.type !== 'distribution') throw new Error(`got ${d?.type}`);
    expect(Array.from(d.ids)).toEqual([(30 + 3 + 4) % VOCAB]);
    await send({ type: 'complete', id: 3, prompt: 'Once', options: { maxTokens: 2, temperature: 0 } });
    expect(log.prompts.at(-1)).toBe('<s>Once');
    await send({ type: 'tokenize', id: 4, text: 'ab' });
    expect(replies.at(-1)).toEqual({ type: 'tokens', id: 4, ids: [0, 1] });
  });

  test('a BOS text the tokenizer does not read as one token is not trusted, and nothing is prepended', async () => {
    const { send, log } = setup();
    await send({ type: 'load', id: 1, record: fakeRecord(), parameters: 1, bos: '<s>' });
    await send({ type: 'next', id: 2, ids: [3, 4], topK: 1 });
    expect(log.fed.at(-1)).toEqual([3, 4]);
  });
});
