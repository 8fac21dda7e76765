/**
 * Asks the browser what it will say about memory: `navigator.deviceMemory` (Chromium only) and
 * WebGPU adapter limits. Runs in the island, never at import, and never throws.
 */
import type { BrowserHints } from '../../lib/calc/browser-fit.ts';

interface GpuLike {
  requestAdapter(): Promise<{ limits: { maxBufferSize: number; maxStorageBufferBindingSize: number } } | null>;
}

/** What this browser reports; nulls where it reports nothing. */
export async function readBrowserHints(): Promise<BrowserHints> {
  const nav = navigator as Navigator & { deviceMemory?: number; gpu?: GpuLike };
  const deviceMemoryGiB = typeof nav.deviceMemory === 'number' ? nav.deviceMemory : null;
  let gpu: BrowserHints['gpu'] = null;
  try {
    const adapter = nav.gpu ? await nav.gpu.requestAdapter() : null;
    if (adapter) {
      gpu = {
        maxBufferSize: Number(adapter.limits.maxBufferSize),
        maxStorageBufferBindingSize: Number(adapter.limits.maxStorageBufferBindingSize),
      };
    }
  } catch {
    gpu = null;
  }
  return { deviceMemoryGiB, gpu };
}
