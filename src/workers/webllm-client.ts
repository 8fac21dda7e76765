/**
 * The page's side of the WebLLM worker: an `Engine` (src/lib/engine/types.ts) plus streaming
 * generation for the base-vs-instruct view. It never imports @mlc-ai/web-llm; the worker does.
 *
 * Lifecycle: the worker starts on the first `load()`, not at import. `cancelLoad()` terminates it
 * (the only way to stop a download at once; whole files already cached stay cached, so the next
 * load resumes). If the worker dies, every pending call rejects with a "worker-died" failure and
 * the next `load()` starts a fresh worker. `dispose()` frees the GPU and ends the worker.
 */
import type {
  Engine,
  EngineInfo,
  NextTokenDistribution,
  TokenCandidate,
  TokenScore,
} from '../lib/engine/types.ts';
import { classifyError, WORKER_DIED, type ErrorData, type Failure } from '../lib/webllm/errors.ts';
import type { ModelRecordData } from '../lib/webllm/hosts.ts';
import { combineProgress, parseProgress, type ParsedProgress } from '../lib/webllm/progress.ts';
import type {
  GenerationOptions,
  TargetLogit,
  TemplateSegment,
  WebLLMRequest,
  WebLLMResponse,
} from './webllm-protocol.ts';

/** An error the reader can act on: `failure.code` picks the message. */
export class WebLLMError extends Error {
  readonly failure: Failure;
  constructor(failure: Failure) {
    super(failure.detail);
    this.name = 'WebLLMError';
    this.failure = failure;
  }
}

/** The slice of `Worker` the client uses; tests pass an in-process fake. */
export interface WorkerLike {
  postMessage(message: WebLLMRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WebLLMResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror?: ((event: MessageEvent) => void) | null;
}

/** Options of a WebLLM engine. */
export interface WebLLMEngineOptions {
  record: ModelRecordData;
  parameters: number;
  /** How many candidates `nextTokenDistribution` brings back (the tail is summed in logSumExp). */
  topK?: number;
  /** Starts the worker; the default is the real module worker. */
  createWorker?: () => WorkerLike;
  /** Clock in milliseconds, for the time-left estimate. */
  now?: () => number;
}

/** Streamed output of a generation. */
export interface GenerationCallbacks {
  onDelta(text: string): void;
  /** Chat only: the exact templated prompt, before the first delta. */
  onTemplate?(prefix: TemplateSegment, segments: TemplateSegment[]): void;
}

interface Pending {
  /** Returns true when the reply finishes the request. */
  onReply(reply: WebLLMResponse): boolean;
  reject(error: Error): void;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./webllm.worker.ts', import.meta.url), { type: 'module', name: 'webllm' });
}

function failureError(data: ErrorData): WebLLMError {
  return new WebLLMError(classifyError(data));
}

/** A real model running in a worker, behind the site's one engine interface. */
export class WebLLMEngine implements Engine {
  readonly record: ModelRecordData;
  private readonly parameters: number;
  private readonly topK: number;
  private readonly createWorker: () => WorkerLike;
  private readonly now: () => number;
  private worker: WorkerLike | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private info: EngineInfo | null = null;
  private loading: Promise<EngineInfo> | null = null;

  constructor(options: WebLLMEngineOptions) {
    this.record = options.record;
    this.parameters = options.parameters;
    this.topK = options.topK ?? 100;
    this.createWorker = options.createWorker ?? defaultWorker;
    this.now = options.now ?? (() => performance.now());
  }

  /** True once a model is loaded and the worker is alive. */
  get loaded(): boolean {
    return this.info !== null;
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => {
      const reply = event.data;
      const entry = this.pending.get(reply.id);
      if (!entry) return;
      if (reply.type === 'error') {
        this.pending.delete(reply.id);
        entry.reject(failureError(reply.error));
        return;
      }
      if (entry.onReply(reply)) this.pending.delete(reply.id);
    };
    const died = (message: string) => this.abandon(failureError({ name: WORKER_DIED, message }));
    worker.onerror = (event) => {
      event.preventDefault?.();
      died(event.message || 'The model worker stopped');
    };
    worker.onmessageerror = () => died('A message from the model worker could not be read');
    this.worker = worker;
    return worker;
  }

  /** Ends the worker and rejects everything pending with `error`. */
  private abandon(error: Error): void {
    this.worker?.terminate();
    this.worker = null;
    this.info = null;
    this.loading = null;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }

  private request<T>(
    make: (id: number) => WebLLMRequest,
    onReply: (reply: WebLLMResponse, resolve: (value: T) => void) => boolean,
  ): Promise<T> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { onReply: (reply) => onReply(reply, resolve), reject });
      worker.postMessage(make(id));
    });
  }

  private requireLoaded(): void {
    if (!this.info) {
      throw failureError({ name: 'ModelNotLoadedError', message: 'Load the model first' });
    }
  }

  /**
   * Downloads (or reads from the cache) and prepares the model. Safe to call twice.
   * `expectedBytes` (the preflight's estimate) sizes the bar until WebLLM reports the real total.
   */
  load(onProgress?: (p: ParsedProgress) => void, expectedBytes?: number): Promise<EngineInfo> {
    if (this.info) return Promise.resolve(this.info);
    if (this.loading) return this.loading;
    const started = this.now();
    const files = new Map<string, number>();
    let webllm: ParsedProgress | null = null;
    const report = () => {
      const elapsed = (this.now() - started) / 1000;
      let bytes = 0;
      for (const b of files.values()) bytes += b;
      onProgress?.(combineProgress(webllm, bytes, expectedBytes, elapsed));
    };
    this.loading = this.request<EngineInfo>(
      (id) => ({ type: 'load', id, record: this.record, parameters: this.parameters }),
      (reply, resolve) => {
        if (reply.type === 'download') {
          files.set(reply.url, reply.loaded);
          report();
          return false;
        }
        if (reply.type === 'progress') {
          webllm = parseProgress(reply.report, (this.now() - started) / 1000);
          report();
          return false;
        }
        if (reply.type === 'loaded') {
          this.info = reply.info;
          this.loading = null;
          resolve(reply.info);
          return true;
        }
        return false;
      },
    );
    this.loading.catch(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Stops a download at once by ending the worker; files already complete stay cached. */
  cancelLoad(): void {
    if (!this.worker) return;
    this.abandon(failureError({ name: 'AbortError', message: 'Cancelled by the reader' }));
  }

  /** Text → token ids, as the model's own tokenizer splits it. */
  async tokenize(text: string): Promise<number[]> {
    this.requireLoaded();
    return this.request<number[]>(
      (id) => ({ type: 'tokenize', id, text }),
      (r, resolve) => r.type === 'tokens' && (resolve(r.ids), true),
    );
  }

  /** Token ids → text. */
  async detokenize(ids: number[]): Promise<string> {
    this.requireLoaded();
    return this.request<string>(
      (id) => ({ type: 'detokenize', id, ids }),
      (r, resolve) => r.type === 'text' && (resolve(r.text), true),
    );
  }

  /** The text of each token alone. */
  async tokenTexts(ids: number[]): Promise<string[]> {
    this.requireLoaded();
    return this.request<string[]>(
      (id) => ({ type: 'token-texts', id, ids }),
      (r, resolve) => r.type === 'texts' && (resolve(r.texts), true),
    );
  }

  private next(ids: number[], topK: number, targets?: number[]) {
    this.requireLoaded();
    return this.request<NextTokenDistribution & { targets: TargetLogit[] }>(
      (id) => ({ type: 'next', id, ids, topK, ...(targets ? { targets } : {}) }),
      (r, resolve) =>
        r.type === 'distribution' &&
        (resolve({ ids: r.ids, logits: r.logits, logSumExp: r.logSumExp, targets: r.targets }), true),
    );
  }

  /** The top candidates for the token after `ids`, with logSumExp over the whole vocabulary. */
  async nextTokenDistribution(ids: number[]): Promise<NextTokenDistribution> {
    const { ids: top, logits, logSumExp } = await this.next(ids, this.topK);
    return { ids: top, logits, logSumExp };
  }

  /** Scores each token after the first, one forward step per token (the worker reuses its KV cache). */
  async score(
    ids: number[],
    options: { topK?: number; signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
  ): Promise<TokenScore[]> {
    const topK = options.topK ?? 5;
    const out: TokenScore[] = [];
    const steps = ids.length - 1;
    for (let i = 1; i < ids.length; i++) {
      if (options.signal?.aborted) throw new DOMException('Scoring was cancelled', 'AbortError');
      const d = await this.next(ids.slice(0, i), topK, [ids[i]]);
      const texts = await this.tokenTexts(Array.from(d.ids));
      const target = d.targets[0];
      const top: TokenCandidate[] = Array.from(d.ids, (tid, k) => ({
        id: tid,
        token: texts[k],
        logprob: d.logits[k] - d.logSumExp,
      }));
      out.push({ id: ids[i], logprob: target.logit - d.logSumExp, rank: target.rank, top });
      options.onProgress?.(i / steps);
    }
    return out;
  }

  /** Raw completion, no chat template: what a base model does. Resolves with the finish reason. */
  complete(prompt: string, options: GenerationOptions, callbacks: GenerationCallbacks): Promise<string> {
    this.requireLoaded();
    return this.request<string>(
      (id) => ({ type: 'complete', id, prompt, options }),
      (r, resolve) => {
        if (r.type === 'delta') callbacks.onDelta(r.text);
        if (r.type === 'done') resolve(r.finishReason);
        return r.type === 'done';
      },
    );
  }

  /** One user turn through the chat template; `onTemplate` shows what the model really saw. */
  chat(user: string, options: GenerationOptions, callbacks: GenerationCallbacks): Promise<string> {
    this.requireLoaded();
    return this.request<string>(
      (id) => ({ type: 'chat', id, user, options }),
      (r, resolve) => {
        if (r.type === 'template') callbacks.onTemplate?.(r.prefix, r.segments);
        if (r.type === 'delta') callbacks.onDelta(r.text);
        if (r.type === 'done') resolve(r.finishReason);
        return r.type === 'done';
      },
    );
  }

  /** Stops a running generation; its promise resolves with what was generated so far. */
  stop(): void {
    if (!this.worker) return;
    const id = this.nextId++;
    this.worker.postMessage({ type: 'stop', id });
  }

  /** Frees the GPU memory and ends the worker; `load()` may be called again. */
  async dispose(): Promise<void> {
    if (!this.worker) return;
    if (this.info) {
      await this.request<void>(
        (id) => ({ type: 'unload', id }),
        (r, resolve) => r.type === 'done' && (resolve(), true),
      ).catch(() => undefined);
    }
    this.worker?.terminate();
    this.worker = null;
    this.info = null;
  }
}
