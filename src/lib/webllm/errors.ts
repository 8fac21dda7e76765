/**
 * Sorts whatever went wrong while loading or running a WebLLM model into the few cases a reader
 * can act on. Errors cross from the worker as plain data ({ name, message, url?, status? }); the
 * island turns a `Failure` into a sentence in the reader's language.
 */

/** An error as it crosses the worker boundary. */
export interface ErrorData {
  name: string;
  message: string;
  /** The file that failed to download, when known. */
  url?: string;
  /** Its HTTP status, when the server answered. */
  status?: number;
}

/** The cases the reader sees, each with its own advice. */
export type FailureCode =
  | 'no-webgpu'
  | 'no-shader-f16'
  | 'not-found'
  | 'http'
  | 'network'
  | 'unreachable'
  | 'cancelled'
  | 'quota'
  | 'device-lost'
  | 'device-lost-loaded'
  | 'no-adapter'
  | 'gpu-limits'
  | 'context-window'
  | 'storage-blocked'
  | 'worker-died'
  | 'unknown';

/** A classified failure with what the message needs to be specific. */
export interface Failure {
  code: FailureCode;
  url?: string;
  status?: number;
  /** The original message, shown in a details box for bug reports. */
  detail: string;
}

/** Names our worker gives the errors it raises itself (see webllm.worker.ts). */
export const HTTP_ERROR = 'HttpError';
/** A download that broke off after the server answered, or never reached the server. */
export const NETWORK_ERROR = 'NetworkError';
/** A host that never answered at all (DNS, TLS, refused, blocked): no byte came back. */
export const UNREACHABLE_ERROR = 'UnreachableError';
/**
 * The GPU was lost after the model had loaded (WebLLM then unloads itself and every later call
 * fails with its ModelNotLoadedError): the worker drops the dead engine and says so with this name.
 */
export const DEVICE_LOST_LOADED = 'DeviceLostAfterLoad';
/** The page noticed that the worker stopped (crash, out of memory, terminated). */
export const WORKER_DIED = 'WorkerDied';

/** Classifies an error; unknown errors keep their message so nothing is hidden. */
export function classifyError(error: ErrorData): Failure {
  const { name, message, url, status } = error;
  const detail = `${name}: ${message}`;
  const text = `${name} ${message}`;
  const code = ((): FailureCode => {
    if (name === WORKER_DIED) return 'worker-died';
    if (name === DEVICE_LOST_LOADED) return 'device-lost-loaded';
    // WebLLM's unload() (which a lost device triggers) aborts the load with this reason.
    const lost = /DeviceLostError|device (was |is )?lost|Engine\.unload\(\) is called/i.test(text);
    if (name === 'AbortError' && !lost) return 'cancelled';
    if (name === 'QuotaExceededError' || /quota/i.test(text)) return 'quota';
    // Storage (Cache API, IndexedDB) refused outright, as in private browsing.
    if (name === 'SecurityError') return 'storage-blocked';
    if (name === 'ShaderF16SupportError' || /shader-f16/.test(text)) return 'no-shader-f16';
    if (/WebGPUNotAvailableError|WebGPUNotFoundError|WebGPU is not supported|Cannot find WebGPU/.test(text)) {
      return 'no-webgpu';
    }
    // WebLLM's words when navigator.gpu.requestAdapter() resolves to null.
    if (/Unable to find a compatible GPU|no (usable |compatible )?(GPU )?adapter/i.test(text)) return 'no-adapter';
    // detectGPUDevice() and the artifact check, when the adapter's limits are below what WebLLM needs.
    if (/requested max\w+ exceeds limit|Compiled artifact requires max\w+/i.test(text)) return 'gpu-limits';
    if (name === 'ContextWindowSizeExceededError' || /exceed context.window.size/i.test(text)) return 'context-window';
    if (lost || /out of memory|GPUOutOfMemoryError|\bOOM\b/i.test(text)) return 'device-lost';
    // Hugging Face answers 401, not 404, for a repository that does not exist (or is private).
    if (name === HTTP_ERROR) return status === 404 || status === 401 ? 'not-found' : 'http';
    if (name === UNREACHABLE_ERROR) return 'unreachable';
    if (name === NETWORK_ERROR || /Failed to fetch|NetworkError|network error|Request failed/i.test(text)) {
      return 'network';
    }
    return 'unknown';
  })();
  const failure: Failure = { code, detail };
  if (url !== undefined) failure.url = url;
  if (status !== undefined) failure.status = status;
  return failure;
}

/**
 * True when an error from a loaded model means its GPU is gone: WebLLM's DeviceLostError, or its
 * ModelNotLoadedError, which every call raises after a lost device made WebLLM unload itself.
 */
export function isLostDevice(error: ErrorData): boolean {
  return (
    error.name === 'DeviceLostError' ||
    error.name === 'ModelNotLoadedError' ||
    /device (was |is )?lost|Engine\.unload\(\) is called/i.test(error.message)
  );
}

/** True when the failure leaves the engine unusable, so it is dropped and the next load starts afresh. */
export function engineGone(code: FailureCode): boolean {
  return code === 'worker-died' || code === 'device-lost' || code === 'device-lost-loaded';
}

/** Turns anything thrown into `ErrorData`, keeping a URL and status our own errors carry. */
export function toErrorData(error: unknown): ErrorData {
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; message?: unknown; url?: unknown; status?: unknown };
    const data: ErrorData = {
      name: typeof e.name === 'string' ? e.name : 'Error',
      message: typeof e.message === 'string' ? e.message : String(error),
    };
    if (typeof e.url === 'string') data.url = e.url;
    if (typeof e.status === 'number') data.status = e.status;
    return data;
  }
  return { name: 'Error', message: String(error) };
}
