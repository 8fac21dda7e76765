import { describe, expect, test } from 'vitest';
import { fitInBrowser } from '../../../../src/lib/calc/browser-fit.ts';

const GiB = 2 ** 30;
const gpu = { maxBufferSize: GiB, maxStorageBufferBindingSize: 128 * 2 ** 20 };

describe('fitInBrowser', () => {
  test('says plainly when the browser tells nothing', () => {
    expect(fitInBrowser(16e9, 1e9, { deviceMemoryGiB: null, gpu: null })).toEqual({ ram: 'unknown', buffer: 'unknown' });
  });
  test('a model larger than the reported RAM exceeds it', () => {
    expect(fitInBrowser(16e9, 1, { deviceMemoryGiB: 4, gpu: null }).ram).toBe('exceeds');
    expect(fitInBrowser(1e9, 1, { deviceMemoryGiB: 4, gpu: null }).ram).toBe('within');
  });
  test('above 8 GiB the hint is capped, so the answer is "cannot tell", not "too big"', () => {
    expect(fitInBrowser(16e9, 1, { deviceMemoryGiB: 8, gpu: null }).ram).toBe('capped');
  });
  test('the largest matrix is checked against the smaller WebGPU buffer limit', () => {
    // Llama-3-8B's embedding in FP16: 128256 × 4096 × 2 bytes ≈ 1 GiB, over a 128 MiB binding limit.
    expect(fitInBrowser(1, 128256 * 4096 * 2, { deviceMemoryGiB: null, gpu }).buffer).toBe('exceeds');
    expect(fitInBrowser(1, 50257 * 768 * 2, { deviceMemoryGiB: null, gpu }).buffer).toBe('within');
  });
});
