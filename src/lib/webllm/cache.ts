/**
 * Lists and deletes the models WebLLM keeps in the browser's Cache API. The page does this itself,
 * without the 6 MB library: WebLLM stores every file under its URL in three caches, so a model is
 * everything under its weights folder plus its model library.
 */
import { libUrl, modelUrl, type Hosts } from './hosts.ts';
import { shardFiles, TENSOR_CACHE } from './model-files.ts';
import type { ModelVariant, WebLLMModel } from './models.ts';

/** The caches WebLLM 0.2.86 writes (its `CacheScope`). */
export const WEBLLM_CACHES = ['webllm/model', 'webllm/config', 'webllm/wasm'] as const;

/** The slice of `Cache` used here, so tests can pass a fake. */
export interface CacheLike {
  keys(): Promise<readonly { url: string }[]>;
  match(
    url: string,
  ): Promise<
    { headers: { get(name: string): string | null }; blob(): Promise<{ size: number }>; json(): Promise<unknown> } | undefined
  >;
  delete(url: string): Promise<boolean>;
}

/** The slice of `CacheStorage` used here. */
export interface CacheStorageLike {
  has(name: string): Promise<boolean>;
  open(name: string): Promise<CacheLike>;
}

/** A model found in the cache. */
export interface CachedModel {
  model: WebLLMModel;
  variant: ModelVariant;
  /** Bytes of all its cached files. */
  bytes: number;
  files: number;
  /** Every weight shard its cached tensor-cache.json lists is cached: it loads without network. */
  complete: boolean;
  /** The weights' real size, from the cached tensor-cache.json, when that file is cached. */
  weightBytes?: number;
}

/** Reads the cached weight manifest: are all shards there, and how big are they together? */
async function completeness(
  cache: CacheLike,
  keys: ReadonlySet<string>,
  base: string,
): Promise<{ complete: boolean; weightBytes?: number }> {
  const manifest = await cache.match(base + TENSOR_CACHE);
  if (!manifest) return { complete: false };
  try {
    const shards = shardFiles(await manifest.json());
    const weightBytes = shards.reduce((sum, s) => sum + (s.bytes ?? 0), 0);
    return { complete: shards.every((s) => keys.has(new URL(s.path, base).href)), weightBytes };
  } catch {
    return { complete: false };
  }
}

/** Every URL that belongs to a variant: its weights folder (a prefix) and its library (exact). */
function belongsTo(url: string, variant: ModelVariant, hosts: Hosts): boolean {
  return url.startsWith(modelUrl(variant, hosts)) || url === libUrl(variant, hosts);
}

/** Size of a cached response: Content-Length when the server sent one, else the body's size. */
async function sizeOf(cache: CacheLike, url: string): Promise<number> {
  const res = await cache.match(url);
  if (!res) return 0;
  const header = Number(res.headers.get('content-length'));
  if (Number.isFinite(header) && header > 0) return header;
  return (await res.blob()).size;
}

/** Opens only caches that exist: `caches.open` would create empty ones as a side effect. */
async function openExisting(storage: CacheStorageLike): Promise<[string, CacheLike][]> {
  const out: [string, CacheLike][] = [];
  for (const name of WEBLLM_CACHES) if (await storage.has(name)) out.push([name, await storage.open(name)]);
  return out;
}

/** The models of `models` with at least one weight file cached, with the size of all their files. */
export async function listCachedModels(
  storage: CacheStorageLike,
  models: readonly WebLLMModel[],
  hosts: Hosts,
): Promise<CachedModel[]> {
  const found = new Map<string, { model: WebLLMModel; variant: ModelVariant; bytes: number; files: number; weightFiles: number }>();
  const caches = await openExisting(storage);
  for (const [name, cache] of caches) {
    for (const request of await cache.keys()) {
      for (const model of models) {
        for (const variant of Object.values(model.variants)) {
          if (!belongsTo(request.url, variant, hosts)) continue;
          const entry = found.get(variant.modelId) ?? { model, variant, bytes: 0, files: 0, weightFiles: 0 };
          entry.bytes += await sizeOf(cache, request.url);
          entry.files += 1;
          if (name === 'webllm/model') entry.weightFiles += 1;
          found.set(variant.modelId, entry);
        }
      }
    }
  }
  const weights = caches.find(([name]) => name === 'webllm/model')?.[1];
  const weightKeys = new Set(weights ? (await weights.keys()).map((k) => k.url) : []);
  // A lone model library or config is not a usable model; list only what holds weights.
  const out: CachedModel[] = [];
  for (const { model, variant, bytes, files, weightFiles } of found.values()) {
    if (weightFiles === 0 || !weights) continue;
    const c = await completeness(weights, weightKeys, `${modelUrl(variant, hosts)}resolve/main/`);
    out.push({ model, variant, bytes, files, ...c });
  }
  return out;
}

/** Deletes every cached file of a variant; returns how many files were removed. */
export async function deleteCachedModel(
  storage: CacheStorageLike,
  variant: ModelVariant,
  hosts: Hosts,
): Promise<number> {
  let removed = 0;
  for (const [, cache] of await openExisting(storage)) {
    for (const request of await cache.keys()) {
      if (belongsTo(request.url, variant, hosts) && (await cache.delete(request.url))) removed++;
    }
  }
  return removed;
}
