import { describe, expect, test } from 'vitest';
import { createLocalTinyLm } from '../../../src/lib/tinylm/engine.ts';
import { createTinyLmHandler } from '../../../src/workers/tinylm.handler.ts';
import type { TinyLmRequest, TinyLmResponse } from '../../../src/workers/tinylm-protocol.ts';
import { fixtureFiles, memorySource, SMALL } from '../../fixtures/tiny-gpt.ts';

const files = fixtureFiles(SMALL, 'int8-g32', 4);

function setUp() {
  const made: string[] = [];
  const handle = createTinyLmHandler((modelId, base) => {
    made.push(`${base}|${modelId}`);
    return createLocalTinyLm(modelId, memorySource(files));
  });
  const posted: { message: TinyLmResponse; transfer?: Transferable[] }[] = [];
  const post = (message: TinyLmResponse, transfer?: Transferable[]) => posted.push({ message, transfer });
  const send = (msg: TinyLmRequest) => handle(msg, post);
  const replies = (id: number) => posted.filter((p) => p.message.id === id).map((p) => p.message);
  return { made, posted, send, replies };
}

describe('createTinyLmHandler', () => {
  test('load posts progress then the model facts, and creates the engine once', async () => {
    const h = setUp();
    await h.send({ type: 'load', id: 1, modelId: 'tiny-m', modelsBaseUrl: 'http://x/sub/models/' });
    await h.send({ type: 'load', id: 2, modelId: 'tiny-m', modelsBaseUrl: 'http://x/sub/models/' });
    expect(h.made).toEqual(['http://x/sub/models/|tiny-m']);
    const first = h.replies(1);
    expect(first.at(-1)).toMatchObject({ type: 'loaded', info: { id: 'tiny-m', contextLength: SMALL.contextLength } });
    expect(first.filter((m) => m.type === 'progress').length).toBeGreaterThan(2);
  });

  test('loads from files the page sent, without fetching', async () => {
    const handle = createTinyLmHandler();
    const posted: TinyLmResponse[] = [];
    const enc = (o: object) => new TextEncoder().encode(JSON.stringify(o)).buffer;
    await handle({
      type: 'load', id: 1, modelId: 'tiny-m', modelsBaseUrl: 'http://unreachable.invalid/',
      files: { config: enc(files.config), tokenizer: enc(files.tokenizer), weights: files.safetensors.slice().buffer },
    }, (m) => posted.push(m));
    expect(posted.at(-1)).toMatchObject({ type: 'loaded', info: { id: 'tiny-m' } });
    await handle({ type: 'next', id: 2, ids: [116] }, (m) => posted.push(m));
    expect(posted.at(-1)).toMatchObject({ type: 'distribution', id: 2 });
  });

  test('a request before load is an error reply, not a crash', async () => {
    const h = setUp();
    await h.send({ type: 'tokenize', id: 5, text: 'hi' });
    expect(h.replies(5)).toEqual([{ type: 'error', id: 5, name: 'Error', message: 'the model is not loaded: send "load" first' }]);
  });

  test('next transfers its typed arrays instead of copying them', async () => {
    const h = setUp();
    await h.send({ type: 'load', id: 1, modelId: 'm', modelsBaseUrl: '/' });
    await h.send({ type: 'next', id: 2, ids: [116, 256] });
    const reply = h.posted.find((p) => p.message.id === 2)!;
    if (reply.message.type !== 'distribution') throw new Error(reply.message.type);
    expect(reply.transfer).toEqual([reply.message.ids.buffer, reply.message.logits.buffer]);
    expect(reply.message.ids.length).toBe(256 + SMALL.vocabExtra);
  });

  test('trace answers with the forward pass and transfers its typed arrays', async () => {
    const h = setUp();
    await h.send({ type: 'load', id: 1, modelId: 'fx', modelsBaseUrl: '/m/' });
    await h.send({ type: 'trace', id: 2, ids: [116, 104, 101], top: 2 });
    const reply = h.posted.find((p) => p.message.id === 2)!;
    if (reply.message.type !== 'trace') throw new Error(`expected a trace, got ${reply.message.type}`);
    const { trace } = reply.message;
    expect(trace.tokens).toEqual(['t', 'h', 'e']);
    expect(trace.lens).toHaveLength(trace.nLayer + 1);
    expect(trace.lens[0]![2]).toHaveLength(2);
    expect(trace.attention).toHaveLength(trace.nLayer * trace.nHead * 9);
    expect(reply.transfer).toContain(trace.attention.buffer);
    expect(reply.transfer).toContain(trace.finalLogits.buffer);
    await h.send({ type: 'trace', id: 3, ids: new Array<number>(SMALL.contextLength + 1).fill(1) });
    expect(h.replies(3)[0]).toMatchObject({ type: 'error', message: expect.stringContaining('at most') });
  });

  test('cancel stops a running score with an AbortError reply', async () => {
    const h = setUp();
    await h.send({ type: 'load', id: 1, modelId: 'm', modelsBaseUrl: '/' });
    const ids = Array.from({ length: 40 * SMALL.contextLength }, (_, i) => (i * 7) % 256);
    const running = h.send({ type: 'score', id: 2, ids });
    await h.send({ type: 'cancel', id: 3, target: 2 });
    await running;
    expect(h.replies(2).at(-1)).toMatchObject({ type: 'error', name: 'AbortError' });
    expect(h.replies(3)).toEqual([{ type: 'done', id: 3 }]);
  });

  test('score, tokenize, detokenize and token texts answer with their own reply types', async () => {
    const h = setUp();
    await h.send({ type: 'load', id: 1, modelId: 'm', modelsBaseUrl: '/' });
    await h.send({ type: 'tokenize', id: 2, text: 'the 巴' });
    const tokens = h.replies(2)[0]!;
    if (tokens.type !== 'tokens') throw new Error(tokens.type);
    await h.send({ type: 'detokenize', id: 3, ids: tokens.ids });
    await h.send({ type: 'token-texts', id: 4, ids: tokens.ids });
    await h.send({ type: 'score', id: 5, ids: tokens.ids, topK: 2 });
    expect(h.replies(3)).toEqual([{ type: 'text', id: 3, text: 'the 巴' }]);
    expect(h.replies(4)[0]).toMatchObject({ type: 'texts', texts: ['t', 'he', ' ', '\uFFFD', '\uFFFD', '\uFFFD'] });
    await h.send({ type: 'token-bytes', id: 6, ids: tokens.ids.slice(3) });
    const bytes = h.replies(6)[0]!;
    if (bytes.type !== 'bytes') throw new Error(bytes.type);
    // The three byte tokens of 巴 (e5 b7 b4), each exact, none a U+FFFD.
    expect(bytes.bytes.map((b) => [...b])).toEqual([[0xe5], [0xb7], [0xb4]]);
    const scores = h.replies(5).at(-1)!;
    if (scores.type !== 'scores') throw new Error(scores.type);
    expect(scores.scores).toHaveLength(tokens.ids.length - 1);
    expect(scores.scores[0]!.top).toHaveLength(2);
  });
});
