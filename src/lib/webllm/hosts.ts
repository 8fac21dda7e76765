/**
 * Where model weights and model libraries are fetched from. A deployer sets
 * PUBLIC_WEBLLM_MODEL_BASE / PUBLIC_WEBLLM_LIB_BASE at build time (see docs/webllm.md) to serve
 * every model from a self-hosted copy; a relative base is resolved against the page.
 */
import {
  DEFAULT_LIB_BASE,
  DEFAULT_MODEL_BASE,
  type ModelVariant,
  type WebLLMModel,
} from './models.ts';
import { baseDir } from '../base-path.ts';

/** The two base URLs; both end with "/". */
export interface Hosts {
  modelBase: string;
  libBase: string;
}

/** The subset of WebLLM's `ModelRecord` we send to the worker (plain data, structured-cloneable). */
export interface ModelRecordData {
  model: string;
  model_id: string;
  model_lib: string;
  vram_required_MB: number;
  low_resource_required: boolean;
  required_features?: string[];
  overrides: { context_window_size: number };
}

/** Adds the trailing slash a base needs so that `new URL(name, base)` appends instead of replacing. */
const withSlash = baseDir;

/**
 * Turns the build-time settings into absolute base URLs. Empty or missing settings mean WebLLM's
 * default hosts. WebLLM needs absolute URLs (its cache keys and its "resolve/main" rule use them),
 * so a relative base ("/models/webllm/") is resolved against `pageUrl`.
 */
export function resolveHosts(
  settings: { modelBase?: string; libBase?: string },
  pageUrl: string,
): Hosts {
  const pick = (value: string | undefined, fallback: string) =>
    withSlash(new URL(value?.trim() || fallback, pageUrl).href);
  return {
    modelBase: pick(settings.modelBase, DEFAULT_MODEL_BASE),
    libBase: pick(settings.libBase, DEFAULT_LIB_BASE),
  };
}

/** The URL of a variant's weights folder (WebLLM appends "resolve/main/" to it). */
export function modelUrl(variant: ModelVariant, hosts: Hosts): string {
  return new URL(`${variant.repo}/`, hosts.modelBase).href;
}

/** The URL of a variant's compiled model library. */
export function libUrl(variant: ModelVariant, hosts: Hosts): string {
  return new URL(variant.wasm, hosts.libBase).href;
}

/** The record WebLLM's engine is configured with for one variant. */
export function modelRecord(model: WebLLMModel, variant: ModelVariant, hosts: Hosts): ModelRecordData {
  return {
    model: modelUrl(variant, hosts),
    model_id: variant.modelId,
    model_lib: libUrl(variant, hosts),
    vram_required_MB: variant.vramMB,
    low_resource_required: variant.lowResource,
    // WebLLM's list omits this on some q4f16 entries; without it a missing feature fails late,
    // in a shader compile, instead of with a clear error.
    ...(variant.quantization === 'q4f16_1' ? { required_features: ['shader-f16'] } : {}),
    overrides: { context_window_size: model.contextWindow },
  };
}
