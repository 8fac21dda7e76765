/**
 * The page's side of the training lab: typed calls over the training worker.
 *
 * Lifecycle: the worker starts on the first call (when the reader presses Start), not at import,
 * so neither it nor TensorFlow.js loads with the page. A run's progress streams to the listeners
 * given to `start`. If the worker dies, pending calls reject with a TrainingError ('failed') and
 * the run's `onError` fires. `dispose()` ends the worker; a later call starts a fresh one.
 */
import type { HeldText, RunInfo, TrainingErrorCode, TrainingRequest, TrainingResponse } from './training-protocol.ts';
import { createWorkerRpc, type WorkerLike } from '../engine/rpc.ts';

/** The slice of `Worker` the client uses; tests pass an in-process fake. */
export type TrainingWorkerLike = WorkerLike<TrainingRequest, TrainingResponse>;

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
  // Error replies are handled per request: a run's error after it started goes to its listeners.
  const rpc = createWorkerRpc<TrainingRequest, TrainingResponse>({
    createWorker,
    errorOf: () => null,
    died: (kind, message) =>
      new TrainingError(
        'failed',
        kind === 'unreadable' ? 'a message from the training worker could not be read' : `the training worker stopped: ${message || 'unknown error'}`,
      ),
  });

  /** Sends a request; `pick` returns the result from the reply that finishes it. */
  function call<T>(make: (id: number) => TrainingRequest, pick: (r: TrainingResponse) => T | undefined): Promise<T> {
    return rpc.request<T>(make, (r, resolve, reject) => {
      if (r.type === 'error') {
        reject(new TrainingError(r.code, r.message));
        return true;
      }
      const value = pick(r);
      if (value === undefined) return false;
      resolve(value);
      return true;
    }).promise;
  }

  const done = (r: TrainingResponse) => (r.type === 'done' ? true : undefined);

  return {
    /** Starts a run; resolves once the model exists and training has begun. */
    start(options: StartOptions, listeners: RunListeners): Promise<RunInfo> {
      let started = false;
      const { promise } = rpc.request<RunInfo>(
        (id) => ({ type: 'start', id, ...options }),
        (r, resolve, reject) => {
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
        [],
        // Once the run has started its promise is settled; a crash then goes to the listeners.
        (error, reject) => {
          const failure = error instanceof TrainingError ? error : new TrainingError('failed', error.message);
          if (started) listeners.onError?.(failure);
          else reject(failure);
        },
      );
      return promise;
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
      if (rpc.running) rpc.abandon(new TrainingError('failed', 'the lab was reset'));
    },
  };
}

/** The lab's client. */
export type TrainingClient = ReturnType<typeof createTrainingClient>;
