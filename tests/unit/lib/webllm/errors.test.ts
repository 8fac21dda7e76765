import { describe, expect, test } from 'vitest';
import { classifyError, engineGone, toErrorData } from '../../../../src/lib/webllm/errors.ts';

describe('classifyError', () => {
  test.each([
    [{ name: 'WebGPUNotAvailableError', message: 'WebGPU is not supported in your current environment' }, 'no-webgpu'],
    [{ name: 'ShaderF16SupportError', message: 'This model requires WebGPU extension shader-f16' }, 'no-shader-f16'],
    [{ name: 'HttpError', message: 'HTTP 404', url: 'https://h/x.json', status: 404 }, 'not-found'],
    [{ name: 'HttpError', message: 'HTTP 503', url: 'https://h/x.bin', status: 503 }, 'http'],
    [{ name: 'NetworkError', message: 'The download of x broke off' }, 'network'],
    [{ name: 'TypeError', message: "Failed to execute 'add' on 'Cache': Request failed" }, 'network'],
    [{ name: 'QuotaExceededError', message: 'Quota exceeded.' }, 'quota'],
    [{ name: 'AbortError', message: 'Cancelled by the reader' }, 'cancelled'],
    [{ name: 'DeviceLostError', message: 'The WebGPU device was lost while loading the model.' }, 'device-lost'],
    [{ name: 'Error', message: 'Device was lost. This can happen due to insufficient memory' }, 'device-lost'],
    [{ name: 'WorkerDied', message: 'The model worker stopped' }, 'worker-died'],
    [{ name: 'RangeError', message: 'something new' }, 'unknown'],
    // #17 point 12, with WebLLM 0.2.86's own messages (node_modules/@mlc-ai/web-llm/lib/index.js).
    [{ name: 'DeviceLostAfterLoad', message: 'ModelNotLoadedError: Model not loaded before trying to complete' }, 'device-lost-loaded'],
    [{ name: 'AbortError', message: 'Engine.unload() is called.' }, 'device-lost'],
    [{ name: 'AbortError', message: 'The WebGPU device was lost' }, 'device-lost'],
    [{ name: 'Error', message: "Unable to find a compatible GPU. This issue might be because your computer doesn't have a GPU" }, 'no-adapter'],
    [{ name: 'WebGPUNotFoundError', message: 'Cannot find WebGPU in the environment' }, 'no-webgpu'],
    [{ name: 'Error', message: 'Cannot initialize runtime because of requested maxStorageBufferBindingSize exceeds limit. requested=1024MB, limit=128MB. ' }, 'gpu-limits'],
    [{ name: 'Error', message: 'Cannot initialize runtime because of requested maxBufferSize exceeds limit. requested=256MB, limit=128MB. Consider upgrading your browser.' }, 'gpu-limits'],
    [{ name: 'ContextWindowSizeExceededError', message: 'Prompt tokens exceed context window size: number of prompt tokens: 5000; context window size: 4096' }, 'context-window'],
    [{ name: 'SecurityError', message: 'The operation is insecure.' }, 'storage-blocked'],
    [{ name: 'HttpError', message: 'HTTP 401', url: 'https://huggingface.co/mlc-ai/nope/resolve/main/x.json', status: 401 }, 'not-found'],
    [{ name: 'UnreachableError', message: 'Could not reach https://huggingface.co/x' }, 'unreachable'],
    [{ name: 'Error', message: 'No room left in the layout' }, 'unknown'],
    [{ name: 'Error', message: 'Zoom level invalid' }, 'unknown'],
    [{ name: 'Error', message: 'GPU OOM while allocating' }, 'device-lost'],
  ])('%o → %s', (error, code) => {
    expect(classifyError(error).code).toBe(code);
  });

  test('keeps the failed file and its status for the message', () => {
    expect(classifyError({ name: 'HttpError', message: 'm', url: 'https://h/f', status: 404 })).toEqual({
      code: 'not-found',
      url: 'https://h/f',
      status: 404,
      detail: 'HttpError: m',
    });
  });
});

describe('toErrorData', () => {
  test('keeps name, message, url and status of an Error, and stringifies anything else', () => {
    const e = Object.assign(new Error('HTTP 404'), { name: 'HttpError', url: 'u', status: 404 });
    expect(toErrorData(e)).toEqual({ name: 'HttpError', message: 'HTTP 404', url: 'u', status: 404 });
    expect(toErrorData('boom')).toEqual({ name: 'Error', message: 'boom' });
    expect(toErrorData(new DOMException('q', 'QuotaExceededError')).name).toBe('QuotaExceededError');
  });
});

describe('engineGone', () => {
  test('a lost GPU (during or after the load) and a dead worker drop the engine; a download failure does not', () => {
    expect(['worker-died', 'device-lost', 'device-lost-loaded'].every((c) => engineGone(c as never))).toBe(true);
    expect(engineGone('network')).toBe(false);
    expect(engineGone('context-window')).toBe(false);
  });
});
