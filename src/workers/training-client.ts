/**
 * The page's side of the training lab: typed calls over the training worker.
 *
 * Lifecycle: the worker starts on the first call (when the reader presses Start), not at import,
 * so neither it nor TensorFlow.js loads with the page. A run's progress streams to the listeners
 * given to `start`. If the worker dies, pending calls reject with a TrainingError ('failed') and
 * the run's `onError` fires. `dispose()` ends the worker; a later call starts a fresh one.
 */
import type { HeldText, RunInfo, TrainingErrorCode, TrainingRequest, TrainingResponse } from './training-protocol.ts';

/** The slice of `Worker` the client uses; tests pass an in-process fake. */
export interface TrainingWorkerLike {
  postMessage(message: TrainingRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<TrainingResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** A failed request, with a code the page turns into a sentence in the reader's language. */
export class TrainingError extends Error {
  readonly code: TrainingErrorCode;
  constructor(code: TrainingErrorCode, message: string) {
    super(message);
    this.name = 'TrainingError';
    this.code = code;
  }
}

/** What a running lab reports, as it happens. */
export interface RunListeners {
  onLoading?(stage: 'tokenizer' | 'tfjs' | 'model'): void;
  onStep?(step: Extract<TrainingResponse, { type: 'step' }>): void;
  onSample?(sample: Extract<TrainingResponse, { type: 'sample' }>): void;
  onHeatmap?(map: Extract<TrainingResponse, { type: 'heatmap' }>): void;
  onFinished?(step: number, reason: 'done' | 'stopped'): void;
  onError?(error: TrainingError): void;
}

/** What `start` needs besides the listeners. */
export type StartOptions = Omit<Extract<TrainingRequest, { type: 'start' }>, 'type' | 'id'>;

/** An exam answer. */
export type ExamAnswer = Extract<TrainingResponse, { type: 'answer' }>;

function defaultWorker(): TrainingWorkerLike {
  return new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'training-lab' });
}

/** Creates the lab's client; `createWorker` is for tests. */
export function createTrainingClient(createWorker: () => TrainingWorkerLike = defaultWorker) {
  let worker: TrainingWorkerLike | null = null;
  let nextId = 1;
  /** Handlers by request id; one returns true when its request is finished. */
  const handlers = new Map<number, { onReply(r: TrainingResponse): boolean; fail(e: TrainingError): void }>();

  function ensureWorker(): TrainingWorkerLike {
    if (worker) return worker;
    const w = createWorker();
    w.onmessage = (event) => {
      const reply = event.data;
      const h = handlers.get(reply.id);
      if (h?.onReply(reply)) handlers.delete(reply.id);
    };
    w.onerror = (event) => {
      event.preventDefault?.();
      abandon(new TrainingError('failed', `the training worker stopped: ${event.message || 'unknown error'}`));
    };
    worker = w;
    return w;
  }

  function abandon(error: TrainingError): void {
    worker?.terminate();
    worker = null;
    const all = [...handlers.values()];
    handlers.clear();
    for (const h of all) h.fail(error);
  }

  /** Sends a request; `pick` returns the result from the reply that finishes it. */
  function call<T>(make: (id: number) => TrainingRequest, pick: (r: TrainingResponse) => T | undefined): Promise<T> {
    const w = ensureWorker();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      handlers.set(id, {
        onReply(r) {
          if (r.type === 'error') {
            reject(new TrainingError(r.code, r.message));
            return true;
          }
          const value = pick(r);
          if (value === undefined) return false;
          resolve(value);
          return true;
        },
        fail: reject,
      });
      w.postMessage(make(id));
    });
  }

  const done = (r: TrainingResponse) => (r.type === 'done' ? true : undefined);

  return {
    /** Starts a run; resolves once the model exists and training has begun. */
    start(options: StartOptions, listeners: RunListeners): Promise<RunInfo> {
      const w = ensureWorker();
      const id = nextId++;
      return new Promise<RunInfo>((resolve, reject) => {
        let started = false;
        handlers.set(id, {
          onReply(r) {
            switch (r.type) {
              case 'loading': listeners.onLoading?.(r.stage); return false;
              case 'started': started = true; resolve(r.info); return false;
              case 'step': listeners.onStep?.(r); return false;
              case 'sample': listeners.onSample?.(r); return false;
              case 'heatmap': listeners.onHeatmap?.(r); return false;
              case 'finished': listeners.onFinished?.(r.step, r.reason); return true;
              case 'error': {
                const error = new TrainingError(r.code, r.message);
                if (started) listeners.onError?.(error);
                else reject(error);
                return !started;
              }
              default: return false;
            }
          },
          fail(error) {
            if (started) listeners.onError?.(error);
            else reject(error);
          },
        });
        w.postMessage({ type: 'start', id, ...options });
      });
    },
    pause: () => call<true>((id) => ({ type: 'pause', id }), done),
    resume: () => call<true>((id) => ({ type: 'resume', id }), done),
    stop: () => call<true>((id) => ({ type: 'stop', id }), done),
    /** Stops the run and makes the worker drop the text; resolves with what it still holds. */
    forget: () => call<{ held: HeldText; weightBytes: number }>((id) => ({ type: 'forget', id }), (r) => (r.type === 'held' ? { held: r.held, weightBytes: r.weightBytes } : undefined)),
    held: () => call<{ held: HeldText; weightBytes: number }>((id) => ({ type: 'held', id }), (r) => (r.type === 'held' ? { held: r.held, weightBytes: r.weightBytes } : undefined)),
    exam: (prompt: string, maxTokens: number, temperature: number, seed: number) =>
      call<ExamAnswer>((id) => ({ type: 'exam', id, prompt, maxTokens, temperature, seed }), (r) => (r.type === 'answer' ? r : undefined)),
    exportWeights: () => call<{ file: Uint8Array; fileName: string }>((id) => ({ type: 'export', id }), (r) => (r.type === 'weights' ? { file: r.file, fileName: r.fileName } : undefined)),
    /** Ends the worker (and with it the model); pending calls reject. */
    dispose(): void {
      if (worker) abandon(new TrainingError('failed', 'the lab was reset'));
    },
  };
}

/** The lab's client. */
export type TrainingClient = ReturnType<typeof createTrainingClient>;
