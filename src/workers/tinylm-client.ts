/**
 * The page's side of the built-in model: an `Engine` (src/lib/engine/types.ts) whose work runs in
 * a module worker, so inference never blocks the page.
 *
 * Lifecycle: the worker starts on the first call, not at import; every call loads the model first
 * if needed (the files are small and same-origin). While the new worker boots, the page fetches
 * the model's files and hands them over (transferred, not copied): the two waits overlap, which
 * is most of the time to a first prediction. If the worker dies, every pending call rejects
 * with a TinyLmWorkerError and the next call starts a fresh worker. `dispose()` ends the worker;
 * a later call starts again.
 */
import type { Engine, EngineInfo, ForwardTrace, LoadProgress, NextTokenDistribution, TokenScore } from '../lib/engine/types.ts';
import { fetchModelFiles, fetchModelSource, type ModelFileBuffers } from '../lib/tinylm/source.ts';
import type { TinyLmRequest, TinyLmResponse } from './tinylm-protocol.ts';
import { createLoadGate, createWorkerRpc, type WorkerLike } from '../engine/rpc.ts';
import { baseDir } from '../lib/base-path.ts';

/** The slice of `Worker` the client uses; tests pass an in-process fake. */
export type TinyLmWorkerLike = WorkerLike<TinyLmRequest, TinyLmResponse>;

/** The worker stopped (crashed, out of memory, failed to start); the call may simply be retried. */
export class TinyLmWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TinyLmWorkerError';
  }
}

/** Where the site serves its models, whatever base path it is deployed under. */
export function modelsBaseUrl(): string {
  const base = import.meta.env.BASE_URL ?? '/';
  return `${baseDir(base)}models/`;
}

function defaultWorker(): TinyLmWorkerLike {
  return new Worker(new URL('./tinylm.worker.ts', import.meta.url), { type: 'module', name: 'tinylm' });
}

function abortError(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}

/** Options for tests and tools. */
export interface TinyLmClientOptions {
  createWorker?: () => TinyLmWorkerLike;
  /** Fetch the files on the page (default where there is a page) or let the worker fetch them. */
  fetchOnPage?: boolean;
  fetch?: typeof fetch;
}

/** Share of the progress bar for the download when the page fetches; the rest is the worker's parse. */
const DOWNLOAD_SHARE = 0.95;

/** The built-in model `modelId`, served from `<modelsBaseUrl><modelId>/`, running in a worker. */
export function createTinyLmEngine(modelId: string, modelsBaseUrl: string, options: TinyLmClientOptions = {}): Engine & Required<Pick<Engine, 'trace'>> {
  const createWorker = options.createWorker ?? defaultWorker;
  const fetchOnPage = options.fetchOnPage ?? (typeof location !== 'undefined' && typeof fetch === 'function');
  // The worker fetches relative to its own script URL: hand it an absolute folder URL.
  const base = typeof location === 'undefined' ? modelsBaseUrl : new URL(modelsBaseUrl, location.href).href;
  const progressListeners = new Set<(p: LoadProgress) => void>();
  const rpc = createWorkerRpc<TinyLmRequest, TinyLmResponse>({
    createWorker,
    errorOf: (reply) =>
      reply.type !== 'error'
        ? null
        : reply.name === 'AbortError'
          ? abortError(reply.message)
          : Object.assign(new Error(reply.message), { name: reply.name }),
    died: (kind, message) =>
      new TinyLmWorkerError(
        kind === 'unreadable'
          ? "a message from the built-in model's worker could not be read"
          : `the built-in model's worker stopped: ${message || 'unknown error'}`,
      ),
    onEnd: () => gate.reset(),
  });
  // The files are small and same-origin: every call loads the model first if needed.
  const gate = createLoadGate<EngineInfo>('on-demand', () => startLoad(), () => new Error('not loaded'));

  const progress = (p: LoadProgress) => {
    for (const listener of progressListeners) listener(p);
  };

  /** Starts the worker, fetches the files meanwhile (when on a page), then asks it to load. */
  async function startLoad(): Promise<EngineInfo> {
    rpc.start();
    let files: ModelFileBuffers | undefined;
    if (fetchOnPage) {
      progress({ fraction: 0 });
      const source = fetchModelSource(`${baseDir(base)}${modelId}/`, options.fetch ?? fetch);
      files = await fetchModelFiles(source, (loadedBytes, totalBytes) =>
        progress({ fraction: totalBytes ? (DOWNLOAD_SHARE * loadedBytes) / totalBytes : 0, loadedBytes, totalBytes }),
      );
    }
    const transfer = files ? [files.config, files.tokenizer, files.weights] : [];
    const { promise } = rpc.request<EngineInfo>(
      (id) => ({ type: 'load', id, modelId, modelsBaseUrl: base, ...(files ? { files } : {}) }),
      (reply, resolve) => {
        // With the files fetched here, the worker's own byte counts would restart the bar at 0.
        if (reply.type === 'progress' && !files) progress(reply.progress);
        if (reply.type !== 'loaded') return false;
        if (files) progress({ fraction: 1, loadedBytes: files.weights.byteLength, totalBytes: files.weights.byteLength });
        resolve(reply.info);
        return true;
      },
      transfer,
    );
    return promise;
  }

  function load(onProgress?: (p: LoadProgress) => void): Promise<EngineInfo> {
    if (onProgress) progressListeners.add(onProgress);
    const loading = gate.load();
    const clear = () => progressListeners.clear();
    loading.then(clear, clear);
    return loading;
  }

  /** Waits for the load (starting it if needed), then sends one request and waits for its reply. */
  async function call<T>(make: (id: number) => TinyLmRequest, pick: (reply: TinyLmResponse) => T | undefined): Promise<T> {
    await gate.whenLoaded();
    return rpc.call(make, pick);
  }

  return {
    load,
    tokenize: (text) => call((id) => ({ type: 'tokenize', id, text }), (r) => (r.type === 'tokens' ? r.ids : undefined)),
    detokenize: (ids) => call((id) => ({ type: 'detokenize', id, ids }), (r) => (r.type === 'text' ? r.text : undefined)),
    tokenTexts: (ids) => call((id) => ({ type: 'token-texts', id, ids }), (r) => (r.type === 'texts' ? r.texts : undefined)),
    tokenBytes: (ids) => call((id) => ({ type: 'token-bytes', id, ids }), (r) => (r.type === 'bytes' ? r.bytes : undefined)),
    nextTokenDistribution: (ids) =>
      call<NextTokenDistribution>(
        (id) => ({ type: 'next', id, ids }),
        (r) => (r.type === 'distribution' ? { ids: r.ids, logits: r.logits, logSumExp: r.logSumExp } : undefined),
      ),
    trace: (ids, options = {}) =>
      call<ForwardTrace>(
        (id) => ({ type: 'trace', id, ids, ...(options.top === undefined ? {} : { top: options.top }) }),
        (r) => (r.type === 'trace' ? r.trace : undefined),
      ),
    async score(ids, options = {}): Promise<TokenScore[]> {
      const { signal, onProgress, topK } = options;
      if (signal?.aborted) throw abortError('the score was cancelled');
      await gate.whenLoaded();
      if (signal?.aborted) throw abortError('the score was cancelled');
      const { id, promise } = rpc.request<TokenScore[]>(
        (rid) => ({ type: 'score', id: rid, ids, topK }),
        (reply, resolve) => {
          if (reply.type === 'score-progress') onProgress?.(reply.fraction);
          if (reply.type !== 'scores') return false;
          resolve(reply.scores);
          return true;
        },
      );
      if (!signal) return promise;
      const onAbort = () => {
        if (rpc.drop(id, abortError('the score was cancelled'))) rpc.notify((cid) => ({ type: 'cancel', id: cid, target: id }));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      return promise.finally(() => signal.removeEventListener('abort', onAbort));
    },
    async dispose() {
      if (rpc.running) rpc.abandon(abortError('the model was disposed'));
    },
  };
}
