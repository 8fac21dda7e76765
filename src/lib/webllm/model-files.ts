/**
 * Which files make up an MLC model folder, as WebLLM 0.2.86 reads them: `mlc-chat-config.json`,
 * the tokenizer files it names, `tensor-cache.json` and every weight shard that lists. Used by
 * scripts/copy-webllm-model.mjs to mirror a model for self-hosting.
 */

/** One file to copy, with its size when the manifest states it. */
export interface ModelFile {
  path: string;
  bytes?: number;
}

/** The files WebLLM reads first, before it knows the rest. */
export const CHAT_CONFIG = 'mlc-chat-config.json';
/** Lists the weight shards (WebLLM's TENSOR_CACHE_MANIFEST_FILENAME). */
export const TENSOR_CACHE = 'tensor-cache.json';

/** Tokenizer files named by the chat config (WebLLM loads tokenizer.json, else tokenizer.model). */
export function tokenizerFiles(chatConfig: unknown): string[] {
  const files = (chatConfig as { tokenizer_files?: unknown }).tokenizer_files;
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string')) {
    throw new Error(`${CHAT_CONFIG} has no tokenizer_files list`);
  }
  return files;
}

/** Weight shards listed in tensor-cache.json, each once, with its size. */
export function shardFiles(tensorCache: unknown): ModelFile[] {
  const records = (tensorCache as { records?: unknown }).records;
  if (!Array.isArray(records)) throw new Error(`${TENSOR_CACHE} has no records list`);
  const seen = new Map<string, ModelFile>();
  for (const r of records as { dataPath?: unknown; nbytes?: unknown }[]) {
    if (typeof r.dataPath !== 'string') throw new Error(`${TENSOR_CACHE}: a record has no dataPath`);
    if (!seen.has(r.dataPath)) {
      seen.set(r.dataPath, typeof r.nbytes === 'number' ? { path: r.dataPath, bytes: r.nbytes } : { path: r.dataPath });
    }
  }
  return [...seen.values()];
}

/** Every file of a model folder, config first, in the order WebLLM asks for them. */
export function modelFiles(chatConfig: unknown, tensorCache: unknown): ModelFile[] {
  return [
    { path: CHAT_CONFIG },
    ...tokenizerFiles(chatConfig).map((path) => ({ path })),
    { path: TENSOR_CACHE },
    ...shardFiles(tensorCache),
  ];
}
