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
import { createLoadGate, createWorkerRpc, type WorkerLike as RpcWorker } from '../engine/rpc.ts';

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
export type WorkerLike = RpcWorker<WebLLMRequest, WebLLMResponse>;

/** Options of a WebLLM engine. */
export interface WebLLMEngineOptions {
  record: ModelRecordData;
  parameters: number;
  /** Text of a BOS token to put, hidden, before every prompt (models.ts `bos`). */
  bos?: string;
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
  private readonly bos: string | undefined;
  private readonly topK: number;
  private readonly rpc;
  /** A multi-GB download starts only on the reader's request: calls before `load()` reject. */
  private readonly gate;
  private progress: ((p: ParsedProgress) => void) | undefined;
  /** Counts loads, so a failed one ends only its own worker. */
  private loadSeq = 0;
  private expectedBytes: number | undefined;

  constructor(options: WebLLMEngineOptions) {
    this.record = options.record;
    this.parameters = options.parameters;
    this.bos = options.bos;
    this.topK = options.topK ?? 100;
    const now = options.now ?? (() => performance.now());
    this.rpc = createWorkerRpc<WebLLMRequest, WebLLMResponse>({
      createWorker: options.createWorker ?? defaultWorker,
      errorOf: (reply) => {
        if (reply.type !== 'error') return null;
        const error = failureError(reply.error);
        // The worker dropped a model whose GPU was lost: the next load() must load it again.
        if (error.failure.code === 'device-lost-loaded') this.gate.reset();
        return error;
      },
      died: (kind, message) =>
        failureError({
          name: WORKER_DIED,
          message: kind === 'unreadable' ? 'A message from the model worker could not be read' : message || 'The model worker stopped',
        }),
      onEnd: () => this.gate.reset(),
    });
    this.gate = createLoadGate<EngineInfo>(
      'explicit',
      () => this.startLoad(now),
      () => failureError({ name: 'ModelNotLoadedError', message: 'Load the model first' }),
    );
  }

  /** True once a model is loaded and the worker is alive. */
  get loaded(): boolean {
    return this.gate.info !== null;
  }

  private request<T>(
    make: (id: number) => WebLLMRequest,
    onReply: (reply: WebLLMResponse, resolve: (value: T) => void) => boolean,
  ): Promise<T> {
    return this.rpc.request<T>(make, onReply).promise;
  }

  /** Waits for the load under way or done; rejects with "Load the model first" before any. */
  private loadedRequest<T>(
    make: (id: number) => WebLLMRequest,
    onReply: (reply: WebLLMResponse, resolve: (value: T) => void) => boolean,
  ): Promise<T> {
    // Loaded: send at once, to the worker that holds the model.
    if (this.gate.info) return this.request(make, onReply);
    return this.gate.whenLoaded().then(() => this.request(make, onReply));
  }

  /**
   * Downloads (or reads from the cache) and prepares the model. Safe to call twice.
   * `expectedBytes` (the preflight's estimate) sizes the bar until WebLLM reports the real total.
   */
  load(onProgress?: (p: ParsedProgress) => void, expectedBytes?: number): Promise<EngineInfo> {
    if (this.gate.info === null) {
      this.progress = onProgress;
      this.expectedBytes = expectedBytes;
    }
    return this.gate.load();
  }

  private startLoad(now: () => number): Promise<EngineInfo> {
    const onProgress = this.progress;
    const expectedBytes = this.expectedBytes;
    const started = now();
    const files = new Map<string, number>();
    let webllm: ParsedProgress | null = null;
    const report = () => {
      const elapsed = (now() - started) / 1000;
      let bytes = 0;
      for (const b of files.values()) bytes += b;
      onProgress?.(combineProgress(webllm, bytes, expectedBytes, elapsed));
    };
    const seq = ++this.loadSeq;
    return this.request<EngineInfo>(
      (id) => ({
        type: 'load',
        id,
        record: this.record,
        parameters: this.parameters,
        ...(this.bos === undefined ? {} : { bos: this.bos }),
      }),
      (reply, resolve) => {
        if (reply.type === 'download') {
          files.set(reply.url, reply.loaded);
          report();
          return false;
        }
        if (reply.type === 'progress') {
          webllm = parseProgress(reply.report, (now() - started) / 1000);
          report();
          return false;
        }
        if (reply.type === 'loaded') {
          resolve(reply.info);
          return true;
        }
        return false;
      },
    ).catch((error: unknown) => {
      // A failed load may leave buffers on the GPU (WebLLM does not free them): end the worker,
      // which frees everything, so retries do not pile up memory. Cached files stay cached.
      if (seq === this.loadSeq && this.rpc.running) this.rpc.abandon(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
  }

  /** Stops a download at once by ending the worker; files already complete stay cached. */
  cancelLoad(): void {
    if (!this.rpc.running) return;
    this.rpc.abandon(failureError({ name: 'AbortError', message: 'Cancelled by the reader' }));
  }

  /** Text → token ids, as the model's own tokenizer splits it. */
  async tokenize(text: string): Promise<number[]> {
    return this.loadedRequest<number[]>(
      (id) => ({ type: 'tokenize', id, text }),
      (r, resolve) => r.type === 'tokens' && (resolve(r.ids), true),
    );
  }

  /** Token ids → text. */
  async detokenize(ids: number[]): Promise<string> {
    return this.loadedRequest<string>(
      (id) => ({ type: 'detokenize', id, ids }),
      (r, resolve) => r.type === 'text' && (resolve(r.text), true),
    );
  }

  /** The text of each token alone. */
  async tokenTexts(ids: number[]): Promise<string[]> {
    return this.loadedRequest<string[]>(
      (id) => ({ type: 'token-texts', id, ids }),
      (r, resolve) => r.type === 'texts' && (resolve(r.texts), true),
    );
  }

  private next(ids: number[], topK: number, targets?: number[]) {
    return this.loadedRequest<NextTokenDistribution & { targets: TargetLogit[] }>(
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
    return this.loadedRequest<string>(
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
    return this.loadedRequest<string>(
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
    this.rpc.notify((id) => ({ type: 'stop', id }));
  }

  /** Frees the GPU memory and ends the worker; `load()` may be called again. */
  async dispose(): Promise<void> {
    if (!this.rpc.running) return;
    if (this.gate.info) {
      await this.request<void>(
        (id) => ({ type: 'unload', id }),
        (r, resolve) => r.type === 'done' && (resolve(), true),
      ).catch(() => undefined);
    }
    this.rpc.abandon(new DOMException('The model was unloaded', 'AbortError'));
  }
}
