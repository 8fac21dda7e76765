/**
 * Gathers the facts the preflight judges, from browser APIs that download nothing: WebGPU's
 * adapter, the storage estimate, device memory, and what WebLLM has cached.
 */
import { listCachedModels, type CachedModel, type CacheStorageLike } from '../../lib/webllm/cache.ts';
import { resolveHosts, type Hosts } from '../../lib/webllm/hosts.ts';
import { MODELS } from '../../lib/webllm/models.ts';
import type { GpuFacts, HostFacts } from '../../lib/webllm/preflight.ts';
import { hasGpuApi, requestGpuAdapter } from '../gpu.ts';

/** Software WebGPU implementations: they run shaders on the CPU. */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|warp|basic render/i;

/** Asks for a WebGPU adapter (no device, no download) and reads its name, features and limits. */
export async function detectGpu(): Promise<GpuFacts> {
  if (!window.isSecureContext) return { available: false, reason: 'insecure-context' };
  if (!hasGpuApi()) return { available: false, reason: 'no-api' };
  const adapter = await requestGpuAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { available: false, reason: 'no-adapter' };
  const info = adapter.info;
  const adapterName =
    [info.vendor, info.architecture].filter(Boolean).join(' ') || info.description || info.device || 'WebGPU';
  const software =
    ('isFallbackAdapter' in info && Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter)) ||
    SOFTWARE.test(`${info.vendor} ${info.architecture} ${info.description}`);
  return {
    available: true,
    adapterName,
    software,
    hasShaderF16: adapter.features.has('shader-f16'),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
  };
}

/** The browser's Cache API, or null where there is none (an insecure page, some private modes). */
export function cacheStorage(): CacheStorageLike | null {
  return typeof caches === 'undefined' ? null : caches;
}

/**
 * Where models come from: WebLLM's hosts unless the site was built with PUBLIC_WEBLLM_MODEL_BASE /
 * PUBLIC_WEBLLM_LIB_BASE (docs/webllm.md). Relative values resolve against the site's base path.
 */
export function siteHosts(): Hosts {
  const siteRoot = new URL(import.meta.env.BASE_URL, window.location.href).href;
  return resolveHosts(
    { modelBase: import.meta.env.PUBLIC_WEBLLM_MODEL_BASE, libBase: import.meta.env.PUBLIC_WEBLLM_LIB_BASE },
    siteRoot,
  );
}

/** What is cached; an unreadable cache counts as empty rather than breaking the panel. */
export async function cachedModels(hosts: Hosts): Promise<CachedModel[]> {
  const storage = cacheStorage();
  if (!storage) return [];
  try {
    return await listCachedModels(storage, MODELS, hosts);
  } catch {
    return [];
  }
}

/** Storage estimate, device memory and cached bytes. */
export async function hostFacts(cached: readonly CachedModel[]): Promise<HostFacts> {
  let storage: HostFacts['storage'] = null;
  try {
    const estimate = await navigator.storage?.estimate();
    if (estimate?.quota !== undefined) storage = { quota: estimate.quota, usage: estimate.usage ?? 0 };
  } catch {
    storage = null;
  }
  const memory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  return {
    storage,
    deviceMemoryGB: typeof memory === 'number' ? memory : null,
    cached: Object.fromEntries(
      cached.map((c) => [
        c.variant.modelId,
        { bytes: c.bytes, complete: c.complete, ...(c.weightBytes === undefined ? {} : { weightBytes: c.weightBytes }) },
      ]),
    ),
  };
}
