import { describe, expect, test } from 'vitest';
import { combineProgress, parseProgress } from '../../../../src/lib/webllm/progress.ts';

const MiB = 2 ** 20;

describe('parseProgress', () => {
  test('reads bytes from WebLLM’s download sentence and estimates the total and the time left', () => {
    const p = parseProgress(
      {
        progress: 0.25,
        timeElapsed: 20,
        text: 'Fetching param cache[5/20]: 200MB fetched. 25% completed, 20 secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.',
      },
      20,
    );
    expect(p.phase).toBe('download');
    expect(p.fraction).toBe(0.25);
    expect(p.loadedBytes).toBe(200 * MiB);
    expect(p.totalBytes).toBe(800 * MiB);
    expect(p.secondsLeft).toBe(60);
  });

  test('loading from the cache is a separate phase with no time-left guess from download speed', () => {
    const p = parseProgress(
      { progress: 0.5, timeElapsed: 2, text: 'Loading model from cache[10/20]: 400MB loaded. 50% completed, 2 secs elapsed.' },
      3,
    );
    expect(p.phase).toBe('from-cache');
    expect(p.loadedBytes).toBe(400 * MiB);
    expect(p.secondsLeft).toBeUndefined();
  });

  test('other reports (shader compilation) keep the fraction and have no bytes', () => {
    const p = parseProgress({ progress: 1, timeElapsed: 9, text: 'Finish loading on WebGPU - google swiftshader' }, 9);
    expect(p).toMatchObject({ phase: 'prepare', fraction: 1 });
    expect(p.loadedBytes).toBeUndefined();
  });

  test('a NaN or out-of-range fraction never reaches the progress bar', () => {
    expect(parseProgress({ progress: Number.NaN, timeElapsed: 0, text: 'Start to fetch params' }, 0).fraction).toBe(0);
    expect(parseProgress({ progress: 1.2, timeElapsed: 0, text: '' }, 0).fraction).toBe(1);
  });
});

describe('combineProgress', () => {
  test('before WebLLM knows the size, our byte count against the preflight’s estimate drives the bar', () => {
    const p = combineProgress(null, 100e6, 800e6, 10);
    expect(p).toMatchObject({ phase: 'download', loadedBytes: 100e6, totalBytes: 800e6, fraction: 0.125, secondsLeft: 70 });
  });

  test('once WebLLM reports the weights’ total, that total wins over the estimate', () => {
    const webllm = parseProgress({ progress: 0.5, timeElapsed: 4, text: 'Fetching param cache[2/4]: 400MB fetched. 50% completed, 4 secs elapsed.' }, 4);
    const p = combineProgress(webllm, 420 * MiB, 1e9, 4);
    expect(p.totalBytes).toBe(800 * MiB);
    expect(p.fraction).toBeCloseTo(420 / 800, 5);
  });

  test('reading from the cache and compiling show WebLLM’s own fraction', () => {
    const webllm = parseProgress({ progress: 0.3, timeElapsed: 1, text: 'Loading model from cache[3/10]: 240MB loaded. 30% completed, 1 secs elapsed.' }, 1);
    expect(combineProgress(webllm, 0, 1e9, 1)).toBe(webllm);
  });

  test('with no estimate at all the bar stays at 0 but bytes still count', () => {
    expect(combineProgress(null, 5e6, undefined, 3)).toEqual({ phase: 'download', fraction: 0, loadedBytes: 5e6 });
  });
});
