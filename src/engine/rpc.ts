/**
 * Request and reply over a Web Worker, written once for the three worker clients (the built-in
 * model, WebLLM, the training lab). Each protocol is a pair of discriminated unions whose every
 * message carries `id`; a request stays open until one of its replies finishes it, so progress and
 * streamed tokens arrive as replies to the request that asked for them.
 *
 * Lifecycle: the worker starts on the first request, not when the client is made. If it dies
 * (crash, out of memory, a message that cannot be read), every open request rejects with the
 * client's own "worker died" error and the next request starts a fresh worker. `abandon(error)`
 * ends it on purpose (dispose, cancel a download) the same way.
 */

/** The slice of `Worker` a client uses; tests pass an in-process fake. */
export interface WorkerLike<Req, Res> {
  postMessage(message: Req, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<Res>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror?: ((event: MessageEvent) => void) | null;
}

/** What a client tells the RPC about its protocol. */
export interface RpcOptions<Req, Res> {
  createWorker: () => WorkerLike<Req, Res>;
  /** The client's error for an error reply, or null when `reply` is not one. */
  errorOf(reply: Res): Error | null;
  /**
   * The client's error when the worker stops: `stopped` with the browser's message (may be empty),
   * or `unreadable` when a message from it could not be read.
   */
  died(kind: 'stopped' | 'unreadable', message: string): Error;
  /** Called whenever the worker is ended (died, abandoned), before open requests reject. */
  onEnd?(): void;
}

/** Decides, for each reply to one request, whether it finishes the request. */
export type ReplyHandler<Res, T> = (reply: Res, resolve: (value: T) => void, reject: (error: Error) => void) => boolean;

/** One open request, as `request` hands it back. */
export interface OpenRequest<T> {
  id: number;
  promise: Promise<T>;
}

interface Pending<Res> {
  onReply(reply: Res): boolean;
  reject(error: Error): void;
}

/** A worker behind typed request/reply; see the module comment for its lifecycle. */
export interface WorkerRpc<Req, Res> {
  /**
   * Sends a request made from a fresh id; `onReply` sees each reply until it returns true. When
   * the worker ends first, `onFail` (default: reject the promise) gets the error: a request that
   * resolved early and keeps streaming (a training run) reports it elsewhere.
   */
  request<T>(
    make: (id: number) => Req,
    onReply: ReplyHandler<Res, T>,
    transfer?: Transferable[],
    onFail?: (error: Error, reject: (error: Error) => void) => void,
  ): OpenRequest<T>;
  /** Sends a request and resolves with the first value `pick` returns for one of its replies. */
  call<T>(make: (id: number) => Req, pick: (reply: Res) => T | undefined): Promise<T>;
  /** Sends a message that expects no reply (stop, cancel), only when the worker is running. */
  notify(make: (id: number) => Req): void;
  /** Rejects the open request `id` with `error` at once; returns false when it was not open. */
  drop(id: number, error: Error): boolean;
  /** Ends the worker and rejects every open request with `error`. */
  abandon(error: Error): void;
  /** Starts the worker now if it is not running (to overlap its start with other work). */
  start(): void;
  /** True while a worker is running. */
  readonly running: boolean;
}

/** Creates the RPC for one worker protocol. */
export function createWorkerRpc<Req, Res extends { id: number }>(options: RpcOptions<Req, Res>): WorkerRpc<Req, Res> {
  let worker: WorkerLike<Req, Res> | null = null;
  const pending = new Map<number, Pending<Res>>();
  let nextId = 1;

  function abandon(error: Error): void {
    worker?.terminate();
    worker = null;
    options.onEnd?.();
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.reject(error);
  }

  function ensureWorker(): WorkerLike<Req, Res> {
    if (worker) return worker;
    const w = options.createWorker();
    w.onmessage = (event) => {
      const reply = event.data;
      const entry = pending.get(reply.id);
      if (!entry) return;
      const error = options.errorOf(reply);
      if (error) {
        pending.delete(reply.id);
        entry.reject(error);
        return;
      }
      if (entry.onReply(reply)) pending.delete(reply.id);
    };
    w.onerror = (event) => {
      event.preventDefault?.();
      abandon(options.died('stopped', event.message ?? ''));
    };
    w.onmessageerror = () => abandon(options.died('unreadable', ''));
    worker = w;
    return w;
  }

  function request<T>(
    make: (id: number) => Req,
    onReply: ReplyHandler<Res, T>,
    transfer: Transferable[] = [],
    onFail?: (error: Error, reject: (error: Error) => void) => void,
  ): OpenRequest<T> {
    const w = ensureWorker();
    const id = nextId++;
    const promise = new Promise<T>((resolve, reject) => {
      const fail = onFail ? (error: Error) => onFail(error, reject) : reject;
      pending.set(id, { onReply: (reply) => onReply(reply, resolve, reject), reject: fail });
      w.postMessage(make(id), transfer);
    });
    return { id, promise };
  }

  return {
    request,
    call<T>(make: (id: number) => Req, pick: (reply: Res) => T | undefined): Promise<T> {
      return request<T>(make, (reply, resolve) => {
        const value = pick(reply);
        if (value === undefined) return false;
        resolve(value);
        return true;
      }).promise;
    },
    notify(make) {
      worker?.postMessage(make(nextId++));
    },
    drop(id, error) {
      const entry = pending.get(id);
      if (!entry) return false;
      pending.delete(id);
      entry.reject(error);
      return true;
    },
    abandon,
    start() {
      ensureWorker();
    },
    get running() {
      return worker !== null;
    },
  };
}

/**
 * The one load rule every engine keeps (src/engine/types.ts): `load()` is safe to call twice and
 * shares the load under way; a failed load is forgotten, so the next call retries; `reset()`
 * forgets a finished load (the worker ended). `whenLoaded()` is what every other call awaits:
 * the load under way or done, or, before any load, a new one when the engine loads on demand
 * and a `notLoaded()` rejection when it loads only on the reader's request.
 */
export function createLoadGate<Info>(
  rule: 'on-demand' | 'explicit',
  startLoad: () => Promise<Info>,
  notLoaded: () => Error,
) {
  let loading: Promise<Info> | null = null;
  let loaded: Info | null = null;
  const gate = {
    load(): Promise<Info> {
      if (loading) return loading;
      const started = startLoad();
      loading = started;
      started.then(
        (info) => {
          if (loading === started) loaded = info;
        },
        () => {
          if (loading === started) loading = null;
        },
      );
      return started;
    },
    whenLoaded(): Promise<Info> {
      if (loading) return loading;
      if (rule === 'on-demand') return gate.load();
      return Promise.reject(notLoaded());
    },
    /** The engine's facts once loaded; null before and after a reset. */
    get info(): Info | null {
      return loaded;
    },
    reset(): void {
      loading = null;
      loaded = null;
    },
  };
  return gate;
}
