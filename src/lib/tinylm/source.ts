/**
 * Where a model folder's files come from: `fetch` in a worker or page, the file system in Node
 * (src/cli/_models.ts). The engine only sees this interface.
 */
import { baseDir } from '../base-path.ts';

/** Byte progress of one file; `total` is undefined when the server does not say. */
export type BytesProgress = (loaded: number, total: number | undefined) => void;

/** Reads the files of one model folder (config.json, tokenizer.json, model.safetensors). */
export interface ModelSource {
  json(name: string): Promise<unknown>;
  bytes(name: string, onProgress?: BytesProgress): Promise<Uint8Array>;
}

/** A source that fetches `<folderUrl><name>`; errors name the file and the HTTP status. */
export function fetchModelSource(folderUrl: string, fetchFn: typeof fetch = fetch): ModelSource {
  const url = (name: string) => `${baseDir(folderUrl)}${name}`;
  const get = async (name: string): Promise<Response> => {
    const res = await fetchFn(url(name));
    if (!res.ok) throw new Error(`could not fetch ${url(name)}: HTTP ${res.status}`);
    return res;
  };
  return {
    async json(name) {
      return (await get(name)).json();
    },
    async bytes(name, onProgress) {
      const res = await get(name);
      const header = res.headers.get('content-length');
      // A compressed response's length is the compressed size: only trust it for progress.
      const total = header ? Number(header) : undefined;
      if (!res.body) {
        const buf = new Uint8Array(await res.arrayBuffer());
        onProgress?.(buf.byteLength, buf.byteLength);
        return buf;
      }
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let loaded = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        onProgress?.(loaded, total);
      }
      const out = new Uint8Array(loaded);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.byteLength;
      }
      return out;
    },
  };
}

/** A model folder's three files as raw bytes (what a page hands to the worker). */
export interface ModelFileBuffers {
  config: ArrayBuffer;
  tokenizer: ArrayBuffer;
  weights: ArrayBuffer;
}

/** Reads the three files of a model folder in parallel as raw bytes; progress counts the weights. */
export async function fetchModelFiles(source: ModelSource, onProgress?: BytesProgress): Promise<ModelFileBuffers> {
  const [config, tokenizer, weights] = await Promise.all([
    source.bytes('config.json'),
    source.bytes('tokenizer.json'),
    source.bytes('model.safetensors', onProgress),
  ]);
  const own = (b: Uint8Array): ArrayBuffer =>
    b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? b.buffer : b.slice().buffer;
  return { config: own(config), tokenizer: own(tokenizer), weights: own(weights) };
}

/** A source over files already in memory. */
export function bufferModelSource(files: ModelFileBuffers): ModelSource {
  const text = (b: ArrayBuffer) => new TextDecoder().decode(b);
  return {
    async json(name) {
      if (name === 'config.json') return JSON.parse(text(files.config)) as unknown;
      if (name === 'tokenizer.json') return JSON.parse(text(files.tokenizer)) as unknown;
      throw new Error(`no file ${name} among the model's buffers`);
    },
    async bytes(name, onProgress) {
      if (name !== 'model.safetensors') throw new Error(`no file ${name} among the model's buffers`);
      onProgress?.(files.weights.byteLength, files.weights.byteLength);
      return new Uint8Array(files.weights);
    },
  };
}
