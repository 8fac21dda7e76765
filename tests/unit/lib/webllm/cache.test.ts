import { describe, expect, test } from 'vitest';
import { deleteCachedModel, listCachedModels, type CacheLike, type CacheStorageLike } from '../../../../src/lib/webllm/cache.ts';
import { libUrl, modelUrl, resolveHosts } from '../../../../src/lib/webllm/hosts.ts';
import { modelByKey, MODELS } from '../../../../src/lib/webllm/models.ts';

/** An in-memory CacheStorage: name → url → size (some entries without Content-Length). */
type FakeFile = { size: number; header: boolean; body?: string };
function fakeStorage(contents: Record<string, Record<string, FakeFile>>) {
  const opened: string[] = [];
  const storage: CacheStorageLike = {
    has: async (name) => name in contents,
    open: async (name) => {
      opened.push(name);
      const files = (contents[name] ??= {});
      const cache: CacheLike = {
        keys: async () => Object.keys(files).map((url) => ({ url })),
        match: async (url) => {
          const f = files[url];
          if (!f) return undefined;
          return {
            headers: { get: (n: string) => (n === 'content-length' && f.header ? String(f.size) : null) },
            blob: async () => ({ size: f.size }),
            json: async () => JSON.parse(f.body ?? 'null') as unknown,
          };
        },
        delete: async (url) => delete files[url],
      };
      return cache;
    },
  };
  return { storage, contents, opened };
}

const hosts = resolveHosts({}, 'https://example.org/');
const phi = modelByKey('phi-1_5').variants.q4f32_1;
const qwen = modelByKey('qwen2.5-0.5b-instruct').variants.q4f16_1;
const base = modelUrl(phi, hosts) + 'resolve/main/';

describe('listCachedModels', () => {
  test('sums weights, config and library of each cached model, with or without Content-Length', async () => {
    const { storage } = fakeStorage({
      'webllm/model': {
        [`${base}params_shard_0.bin`]: { size: 30_000_000, header: true },
        [`${base}params_shard_1.bin`]: { size: 20_000_000, header: false },
      },
      'webllm/config': { [`${base}mlc-chat-config.json`]: { size: 1_000, header: true } },
      'webllm/wasm': {
        [libUrl(phi, hosts)]: { size: 4_000_000, header: true },
        // a library alone is not a usable model
        [libUrl(qwen, hosts)]: { size: 4_000_000, header: true },
      },
    });
    const list = await listCachedModels(storage, MODELS, hosts);
    expect(list.map((m) => [m.variant.modelId, m.bytes, m.files])).toEqual([['phi-1_5-q4f32_1-MLC', 54_001_000, 4]]);
    // without its weight manifest nobody can tell whether every shard is there
    expect(list[0]).toMatchObject({ complete: false });
    expect(list[0].weightBytes).toBeUndefined();
  });

  test('complete only when every shard the cached tensor-cache.json lists is cached', async () => {
    const manifest = JSON.stringify({
      records: [
        { dataPath: 'params_shard_0.bin', nbytes: 30_000_000 },
        { dataPath: 'params_shard_1.bin', nbytes: 20_000_000 },
      ],
    });
    const files: Record<string, FakeFile> = {
      [`${base}tensor-cache.json`]: { size: manifest.length, header: true, body: manifest },
      [`${base}params_shard_0.bin`]: { size: 30_000_000, header: true },
    };
    const { storage } = fakeStorage({ 'webllm/model': files });
    expect(await listCachedModels(storage, MODELS, hosts)).toMatchObject([{ complete: false, weightBytes: 50_000_000 }]);
    files[`${base}params_shard_1.bin`] = { size: 20_000_000, header: true };
    expect(await listCachedModels(storage, MODELS, hosts)).toMatchObject([{ complete: true, weightBytes: 50_000_000 }]);
  });

  test('does not create caches that do not exist', async () => {
    const { storage, opened } = fakeStorage({});
    expect(await listCachedModels(storage, MODELS, hosts)).toEqual([]);
    expect(opened).toEqual([]);
  });
});

describe('deleteCachedModel', () => {
  test('removes every file of one model and nothing of another', async () => {
    const other = modelUrl(qwen, hosts) + 'resolve/main/params_shard_0.bin';
    const { storage, contents } = fakeStorage({
      'webllm/model': { [`${base}params_shard_0.bin`]: { size: 1, header: true }, [other]: { size: 1, header: true } },
      'webllm/wasm': { [libUrl(phi, hosts)]: { size: 1, header: true } },
    });
    expect(await deleteCachedModel(storage, phi, hosts)).toBe(2);
    expect(Object.keys(contents['webllm/model'])).toEqual([other]);
    expect(contents['webllm/wasm']).toEqual({});
  });
});
