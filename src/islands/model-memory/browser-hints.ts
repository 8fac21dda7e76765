/**
 * Asks the browser what it will say about memory: `navigator.deviceMemory` (Chromium only) and
 * WebGPU adapter limits. Runs in the island, never at import, and never throws.
 */
import type { BrowserHints } from '../../lib/calc/browser-fit.ts';
import { requestGpuAdapter } from '../../engine/gpu.ts';

/** What this browser reports; nulls where it reports nothing. */
export async function readBrowserHints(): Promise<BrowserHints> {
  const nav = navigator as Navigator & { deviceMemory?: number };
  const deviceMemoryGiB = typeof nav.deviceMemory === 'number' ? nav.deviceMemory : null;
  const adapter = await requestGpuAdapter();
  const gpu: BrowserHints['gpu'] = adapter
    ? { maxBufferSize: Number(adapter.limits.maxBufferSize), maxStorageBufferBindingSize: Number(adapter.limits.maxStorageBufferBindingSize) }
    : null;
  return { deviceMemoryGiB, gpu };
}
