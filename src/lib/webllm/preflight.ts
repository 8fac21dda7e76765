/**
 * The checks shown before anything downloads: can this browser run this model, and which model
 * should the reader pick? Pure: the island gathers the facts (navigator.gpu, storage estimate,
 * what is cached) and this module judges them, so every rule is unit-tested without a GPU.
 */
import { estimateDownloadBytes, type ModelVariant, type WebLLMModel } from './models.ts';
import { chooseVariant } from './variant.ts';

/** What the page found out about WebGPU. */
export type GpuFacts =
  | { available: false; reason: 'no-api' | 'no-adapter' | 'insecure-context' }
  | {
      available: true;
      /** Vendor and architecture or description, e.g. "google swiftshader". */
      adapterName: string;
      /** A software renderer (SwiftShader, WARP, llvmpipe): correct but far too slow for a model. */
      software: boolean;
      hasShaderF16: boolean;
      maxBufferSize: number;
      maxStorageBufferBindingSize: number;
    };

/** Facts besides the GPU. */
export interface HostFacts {
  /** `navigator.storage.estimate()`; null where the browser has no estimate. */
  storage: { quota: number; usage: number } | null;
  /** `navigator.deviceMemory` in GB (Chromium only, capped at 8); null when unknown. */
  deviceMemoryGB: number | null;
  /** What the cache holds per WebLLM model id (a complete model needs no download). */
  cached: Record<string, { bytes: number; complete: boolean; weightBytes?: number }>;
}

/** Result of one check; `need`/`have` in bytes where they apply. */
export interface Check {
  id: 'webgpu' | 'software' | 'buffer' | 'memory' | 'storage';
  status: 'ok' | 'warn' | 'fail';
  need?: number;
  have?: number;
}

/** The verdict for one model. */
export interface ModelPreflight {
  model: WebLLMModel;
  variant: ModelVariant;
  /** Size of the whole download: exact once the weight manifest is cached, else estimated. */
  downloadBytes: number;
  /** False while `downloadBytes` is an estimate from the parameter count. */
  exactSize: boolean;
  /** What is still to download after what is cached. */
  toDownloadBytes: number;
  vramBytes: number;
  cached: boolean;
  checks: Check[];
  verdict: 'ok' | 'warn' | 'fail';
}

/** WebGPU's guaranteed minimum of maxStorageBufferBindingSize; WebLLM calls such devices low-resource. */
export const LOW_RESOURCE_BINDING = 128 * 1024 * 1024;
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/**
 * Judges one model against the facts. `alongside`: models loaded at the same time (the
 * base-vs-instruct view holds two), whose GPU memory and download the memory and storage checks add.
 */
export function preflightModel(
  model: WebLLMModel,
  gpu: GpuFacts,
  host: HostFacts,
  alongside: readonly WebLLMModel[] = [],
): ModelPreflight {
  const others = alongside.map((m) => preflightModel(m, gpu, host));
  const otherVram = others.reduce((sum, o) => sum + o.vramBytes, 0);
  const otherDownload = others.reduce((sum, o) => sum + o.toDownloadBytes, 0);
  const variant = chooseVariant(model, gpu.available && gpu.hasShaderF16);
  const inCache = host.cached[variant.modelId];
  const exactSize = inCache?.weightBytes !== undefined;
  const downloadBytes = inCache?.weightBytes ?? estimateDownloadBytes(model.parameters, variant.quantization);
  const cached = inCache?.complete ?? false;
  const toDownloadBytes = cached ? 0 : Math.max(0, downloadBytes - (inCache?.bytes ?? 0));
  const vramBytes = Math.round(variant.vramMB * MIB);
  const checks: Check[] = [];

  if (!gpu.available) {
    checks.push({ id: 'webgpu', status: 'fail' });
  } else {
    checks.push({ id: 'webgpu', status: 'ok' });
    if (gpu.software) checks.push({ id: 'software', status: 'warn' });
    // WebLLM marks which builds fit a 128 MiB binding limit (phones, some integrated GPUs).
    const bindingOk = variant.lowResource || gpu.maxStorageBufferBindingSize > LOW_RESOURCE_BINDING;
    checks.push({
      id: 'buffer',
      status: bindingOk ? 'ok' : 'warn',
      have: gpu.maxStorageBufferBindingSize,
    });
  }

  // WebGPU does not reveal how much memory a GPU has; system RAM is the best hint a page gets,
  // and integrated GPUs share it. Half of it for the model is a cautious limit.
  if (host.deviceMemoryGB !== null) {
    const have = host.deviceMemoryGB * GIB;
    const need = vramBytes + otherVram;
    checks.push({ id: 'memory', status: need <= have / 2 ? 'ok' : 'warn', need, have });
  }

  if (host.storage !== null) {
    const free = Math.max(0, host.storage.quota - host.storage.usage);
    const need = toDownloadBytes + otherDownload;
    const status = need > free ? 'fail' : need > free * 0.8 ? 'warn' : 'ok';
    checks.push({ id: 'storage', status, need, have: free });
  }

  const verdict = checks.some((c) => c.status === 'fail')
    ? 'fail'
    : checks.some((c) => c.status === 'warn')
      ? 'warn'
      : 'ok';
  return { model, variant, downloadBytes, exactSize, toDownloadBytes, vramBytes, cached, checks, verdict };
}

/** Judges every model; order kept. */
export function preflight(models: readonly WebLLMModel[], gpu: GpuFacts, host: HostFacts): ModelPreflight[] {
  return models.map((m) => preflightModel(m, gpu, host));
}

/**
 * The largest model (by parameters) that passes every check; if none does, the largest with only
 * warnings other than "software renderer"; null when nothing can run.
 */
export function recommend(results: readonly ModelPreflight[]): ModelPreflight | null {
  const bySize = [...results].sort((a, b) => b.model.parameters - a.model.parameters);
  const clean = bySize.find((r) => r.verdict === 'ok');
  if (clean) return clean;
  // On a software renderer every model warns; the smallest is then the only sensible pick.
  const softwareOnly = (r: ModelPreflight) =>
    r.verdict === 'warn' && r.checks.every((c) => c.status === 'ok' || c.id === 'software');
  const slow = [...bySize].reverse().find(softwareOnly);
  if (slow) return slow;
  return bySize.find((r) => r.verdict === 'warn') ?? null;
}
