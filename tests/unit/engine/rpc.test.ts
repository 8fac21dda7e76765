import { describe, expect, test } from 'vitest';
import { createLoadGate, createWorkerRpc, type WorkerLike } from '../../../src/engine/rpc.ts';

type Req = { type: 'echo'; id: number; text: string } | { type: 'stream'; id: number; n: number } | { type: 'stop'; id: number };
type Res = { type: 'echo'; id: number; text: string } | { type: 'part'; id: number; i: number } | { type: 'end'; id: number } | { type: 'error'; id: number; message: string };

/** An in-process worker that answers echo and streams n parts, or records messages when `silent`. */
function fakeWorkers(silent = false) {
  const started: (WorkerLike<Req, Res> & { received: Req[]; terminated: boolean; crash(): void })[] = [];
  const create = () => {
    const w = {
      received: [] as Req[],
      terminated: false,
      onmessage: null as ((e: MessageEvent<Res>) => void) | null,
      onerror: null as ((e: ErrorEvent) => void) | null,
      postMessage(m: Req) {
        w.received.push(m);
        if (silent) return;
        const send = (r: Res) => queueMicrotask(() => w.onmessage?.({ data: r } as MessageEvent<Res>));
        if (m.type === 'echo') send(m.text === 'bad' ? { type: 'error', id: m.id, message: 'bad input' } : { type: 'echo', id: m.id, text: m.text });
        if (m.type === 'stream') {
          for (let i = 0; i < m.n; i++) send({ type: 'part', id: m.id, i });
          send({ type: 'end', id: m.id });
        }
      },
      terminate() {
        w.terminated = true;
      },
      crash() {
        w.onerror?.({ message: 'Out of memory', preventDefault() {} } as ErrorEvent);
      },
    };
    started.push(w);
    return w;
  };
  return { started, create };
}

function rpcOver(create: () => WorkerLike<Req, Res>) {
  return createWorkerRpc<Req, Res>({
    createWorker: create,
    errorOf: (r) => (r.type === 'error' ? new Error(r.message) : null),
    died: (kind, message) => new Error(`died (${kind}): ${message}`),
  });
}

describe('createWorkerRpc', () => {
  test('starts no worker until the first request; replies find their request by id', async () => {
    const w = fakeWorkers();
    const rpc = rpcOver(w.create);
    expect(w.started).toHaveLength(0);
    expect(rpc.running).toBe(false);
    const [a, b] = await Promise.all([
      rpc.call((id) => ({ type: 'echo', id, text: 'a' }), (r) => (r.type === 'echo' ? r.text : undefined)),
      rpc.call((id) => ({ type: 'echo', id, text: 'b' }), (r) => (r.type === 'echo' ? r.text : undefined)),
    ]);
    expect([a, b]).toEqual(['a', 'b']);
    expect(w.started).toHaveLength(1);
  });

  test('streams replies to one request until one finishes it; an error reply rejects with the client error', async () => {
    const w = fakeWorkers();
    const rpc = rpcOver(w.create);
    const parts: number[] = [];
    const { promise } = rpc.request<number>(
      (id) => ({ type: 'stream', id, n: 3 }),
      (r, resolve) => {
        if (r.type === 'part') parts.push(r.i);
        if (r.type !== 'end') return false;
        resolve(parts.length);
        return true;
      },
    );
    expect(await promise).toBe(3);
    expect(parts).toEqual([0, 1, 2]);
    await expect(rpc.call((id) => ({ type: 'echo', id, text: 'bad' }), () => 1)).rejects.toThrow('bad input');
  });

  test('a dead worker rejects everything open with the client error; the next request starts a new one', async () => {
    const w = fakeWorkers(true);
    const rpc = rpcOver(w.create);
    const open = rpc.call((id) => ({ type: 'echo', id, text: 'a' }), () => 1);
    w.started[0]!.crash();
    await expect(open).rejects.toThrow('died (stopped): Out of memory');
    expect(w.started[0]!.terminated).toBe(true);
    expect(rpc.running).toBe(false);
    void rpc.call((id) => ({ type: 'echo', id, text: 'b' }), () => 1);
    expect(w.started).toHaveLength(2);
  });

  test('drop rejects one open request at once; notify sends only to a running worker', async () => {
    const w = fakeWorkers(true);
    const rpc = rpcOver(w.create);
    rpc.notify((id) => ({ type: 'stop', id }));
    expect(w.started).toHaveLength(0);
    const { id, promise } = rpc.request((rid) => ({ type: 'echo', id: rid, text: 'a' }), () => false);
    expect(rpc.drop(id, new Error('cancelled'))).toBe(true);
    expect(rpc.drop(id, new Error('cancelled'))).toBe(false);
    await expect(promise).rejects.toThrow('cancelled');
    rpc.notify((nid) => ({ type: 'stop', id: nid }));
    expect(w.started[0]!.received.map((m) => m.type)).toEqual(['echo', 'stop']);
  });
});

describe('createLoadGate', () => {
  test('load is shared while under way; a failed load is forgotten and the next one retries', async () => {
    let calls = 0;
    let fail = true;
    const gate = createLoadGate('explicit', async () => {
      calls++;
      if (fail) throw new Error('offline');
      return { id: 'm' };
    }, () => new Error('Load the model first'));
    await expect(Promise.all([gate.load(), gate.load()])).rejects.toThrow('offline');
    expect(calls).toBe(1);
    fail = false;
    expect(await gate.load()).toEqual({ id: 'm' });
    expect(calls).toBe(2);
    expect(gate.info).toEqual({ id: 'm' });
    await gate.load();
    expect(calls).toBe(2);
  });

  test('an explicit engine refuses calls before any load; an on-demand engine loads for them', async () => {
    const explicit = createLoadGate('explicit', async () => 1, () => new Error('Load the model first'));
    await expect(explicit.whenLoaded()).rejects.toThrow('Load the model first');
    const pending = explicit.load();
    expect(await explicit.whenLoaded()).toBe(1);
    await pending;

    let loads = 0;
    const onDemand = createLoadGate('on-demand', async () => ++loads, () => new Error('never'));
    expect(await onDemand.whenLoaded()).toBe(1);
    onDemand.reset();
    expect(onDemand.info).toBeNull();
    expect(await onDemand.whenLoaded()).toBe(2);
  });
});
