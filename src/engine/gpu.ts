/**
 * The one WebGPU probe: asks for an adapter (no device, nothing downloaded), in a page or a
 * worker. Every widget that wants to know about the reader's GPU (the WebLLM preflight, the
 * memory calculator, the training lab and its worker) goes through here.
 */

/** An adapter, or null where the API is missing, no adapter is given, or the request throws. */
export async function requestGpuAdapter(options?: GPURequestAdapterOptions): Promise<GPUAdapter | null> {
  const gpu = typeof navigator === 'undefined' ? undefined : (navigator as Partial<Navigator>).gpu;
  if (!gpu) return null;
  try {
    return await gpu.requestAdapter(options);
  } catch {
    return null;
  }
}

/** True when the page or worker has the WebGPU API at all (an adapter may still be refused). */
export function hasGpuApi(): boolean {
  return typeof navigator !== 'undefined' && Boolean((navigator as Partial<Navigator>).gpu);
}
