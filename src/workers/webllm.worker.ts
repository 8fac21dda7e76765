/**
 * The only module that imports @mlc-ai/web-llm (6 MB): it becomes the worker's own chunk and is
 * fetched when the reader asks for a real model, never with a page. It adapts MLCEngine to the
 * handler's `LoadedModel` and makes download failures say which file failed and why.
 */
import { MLCEngine, type AppConfig, type LogitProcessor } from '@mlc-ai/web-llm';
import { HTTP_ERROR, NETWORK_ERROR, UNREACHABLE_ERROR } from '../lib/webllm/errors.ts';
import { readAll } from './webllm-download.ts';
import { createWebLLMHandler, type LoadedModel, type WebLLMBackend } from './webllm.handler.ts';
import { completionSampling, type WebLLMRequest, type WebLLMResponse } from './webllm-protocol.ts';
import type { ModelRecordData } from '../lib/webllm/hosts.ts';
import type { InitReport } from '../lib/webllm/progress.ts';

/** The web-tokenizers object WebLLM keeps per model (not in its public types). */
interface PipelineTokenizer {
  encode(text: string): Int32Array;
  decode(ids: Int32Array): string;
}
/** The parts of WebLLM's private pipeline state this worker reads: the tokenizer and chat config. */
interface EngineInternals {
  loadedModelIdToPipeline: Map<string, { tokenizer: PipelineTokenizer }>;
  loadedModelIdToChatConfig: Map<
    string,
    { vocab_size: number; context_window_size: number; conv_template?: { system_prefix_token_ids?: number[] } }
  >;
}

function namedError(name: string, message: string, url: string, status?: number): Error {
  return Object.assign(new Error(message), { name, url, ...(status === undefined ? {} : { status }) });
}

/** Told about the bytes of each file as they arrive, while a load is running. */
let onDownload: ((url: string, loaded: number, total: number | null) => void) | null = null;

/**
 * WebLLM downloads every file with `cache.add()`, whose only failure is "Request failed": no URL,
 * no status. This `add` does the same (fetch, check, store) but fails with the file and the status,
 * counts bytes for the progress bar, and stores a file only once all of it has arrived, so a
 * download cut off mid-file is never used and a retry fetches just the missing files.
 */
function installExplainingCacheAdd(): void {
  if (typeof Cache === 'undefined') return;
  Cache.prototype.add = async function add(this: Cache, request: RequestInfo | URL): Promise<void> {
    const req = request instanceof Request ? request : new Request(request);
    let res: Response;
    try {
      res = await fetch(req);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw namedError(UNREACHABLE_ERROR, `Could not reach ${req.url}`, req.url);
    }
    if (!res.ok) throw namedError(HTTP_ERROR, `HTTP ${res.status} for ${req.url}`, req.url, res.status);
    const body = await readAll(res, req.url, (loaded, total) => onDownload?.(req.url, loaded, total));
    const headers = new Headers(res.headers);
    headers.set('content-length', String(body.byteLength));
    headers.delete('content-encoding');
    await this.put(req, new Response(body, { status: res.status, statusText: res.statusText, headers }));
  };
}

const backend: WebLLMBackend = {
  async load(record, parameters, onProgress, onFileBytes) {
    onDownload = onFileBytes;
    try {
      return await loadModel(record, parameters, onProgress);
    } finally {
      onDownload = null;
    }
  },
};

/** Creates an MLCEngine for one model and adapts it to `LoadedModel`. */
async function loadModel(
  record: ModelRecordData,
  parameters: number,
  onProgress: (r: InitReport) => void,
): Promise<LoadedModel> {
  let capture: Float32Array | null = null;
  let capturing = false;
  // Sees the raw logits of every forward pass before sampling; copies them only when asked.
  const processor: LogitProcessor = {
    processLogits(logits) {
      if (capturing) capture = logits.slice();
      return logits;
    },
    processSampledToken() {},
    resetState() {},
  };
  const appConfig: AppConfig = { model_list: [record], cacheBackend: 'cache' };
  const engine = new MLCEngine({
    appConfig,
    initProgressCallback: onProgress,
    logitProcessorRegistry: new Map([[record.model_id, processor]]),
    logLevel: 'WARN',
  });
  // WebLLM keeps the tokenizer and chat config private; the X-ray and token views need them.
  const internals = engine as unknown as EngineInternals;
  try {
    await engine.reload(record.model_id);
  } catch (error) {
    // Free what the failed load allocated on the GPU before reporting it (the page also ends us).
    await engine.unload().catch(() => undefined);
    throw error;
  }
  const pipeline = internals.loadedModelIdToPipeline.get(record.model_id);
  const config = internals.loadedModelIdToChatConfig.get(record.model_id);
  // reload() returns quietly when its download was aborted, and a lost GPU aborts it through
  // unload() ("Engine.unload() is called."), so a missing pipeline here means the device was lost.
  if (!pipeline || !config) {
    await engine.unload().catch(() => undefined);
    throw Object.assign(new Error(`The WebGPU device was lost while loading ${record.model_id}`), { name: 'DeviceLostError' });
  }
  const tokenizer = pipeline.tokenizer;

  const model: LoadedModel = {
    info: {
      id: record.model_id,
      vocabSize: config.vocab_size,
      contextLength: config.context_window_size,
      parameters,
    },
    encode: (text) => Array.from(tokenizer.encode(text)),
    decode: (ids) => tokenizer.decode(Int32Array.from(ids)),
    async forward(ids, isPrefill) {
      capture = null;
      capturing = true;
      try {
        await engine.forwardTokensAndSample(ids, isPrefill);
      } finally {
        capturing = false;
      }
      if (!capture) throw new Error('The logit processor saw no logits');
      return capture;
    },
    resetKV: () => engine.resetChat(),
    async complete(prompt, options, onDelta) {
      const stream = await engine.completions.create({ prompt, stream: true, ...completionSampling(options) });
      let reason = 'stop';
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        if (choice?.text) onDelta(choice.text);
        if (choice?.finish_reason) reason = choice.finish_reason;
      }
      return reason;
    },
    async chat(user, options, onTemplate, onDelta) {
      // Record exactly what the engine tokenizes while it builds the prompt: that is the X-ray.
      const segments: { text: string; ids: number[] }[] = [];
      let recording = true;
      const encode = tokenizer.encode;
      tokenizer.encode = (text: string) => {
        const ids = encode.call(tokenizer, text);
        if (recording) segments.push({ text, ids: Array.from(ids) });
        return ids;
      };
      let reason = 'stop';
      try {
        const stream = await engine.chat.completions.create({
          messages: [{ role: 'user', content: user }],
          stream: true,
          max_tokens: options.maxTokens,
          temperature: options.temperature,
          ...(options.seed === undefined ? {} : { seed: options.seed }),
        });
        for await (const chunk of stream) {
          if (recording) {
            recording = false;
            onTemplate(config.conv_template?.system_prefix_token_ids ?? [], segments);
          }
          const choice = chunk.choices[0];
          if (choice?.delta.content) onDelta(choice.delta.content);
          if (choice?.finish_reason) reason = choice.finish_reason;
        }
        if (recording) onTemplate(config.conv_template?.system_prefix_token_ids ?? [], segments);
      } finally {
        recording = false;
        tokenizer.encode = encode;
      }
      return reason;
    },
    interrupt: () => engine.interruptGenerate(),
    unload: () => engine.unload(),
  };
  return model;
}

installExplainingCacheAdd();
const handle = createWebLLMHandler(backend);
const post = (message: WebLLMResponse, transfer: Transferable[] = []) => self.postMessage(message, { transfer });
self.onmessage = (event: MessageEvent<WebLLMRequest>) => void handle(event.data, post);
