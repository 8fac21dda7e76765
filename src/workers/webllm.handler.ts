/**
 * The WebLLM worker's logic, separate from the Worker so it runs in Vitest with a fake backend.
 *
 * Lifecycle: one handler per worker, holding at most one loaded model. Requests run one at a time
 * in arrival order (the KV cache is shared state), except `stop`, which interrupts a generation at
 * once. The handler remembers which token ids the KV cache holds, so asking for the next token after
 * one more token feeds only that token instead of the whole text again.
 */
import type { EngineInfo } from '../lib/engine/types.ts';
import { rankOf, topCandidates } from '../lib/webllm/distribution.ts';
import { DEVICE_LOST_LOADED, isLostDevice, toErrorData } from '../lib/webllm/errors.ts';
import type { ModelRecordData } from '../lib/webllm/hosts.ts';
import type { InitReport } from '../lib/webllm/progress.ts';
import type { GenerationOptions, WebLLMRequest, WebLLMResponse } from './webllm-protocol.ts';

/** A model the backend has loaded; the worker implements it with MLCEngine. */
export interface LoadedModel {
  info: EngineInfo;
  encode(text: string): number[];
  decode(ids: number[]): string;
  /** Feeds `ids` after what the KV cache holds; resolves with the full logits for the next position. */
  forward(ids: number[], isPrefill: boolean): Promise<Float32Array>;
  /** Empties the KV cache. */
  resetKV(): Promise<void>;
  /** Raw completion of `prompt` (no chat template); resolves with the finish reason. */
  complete(prompt: string, options: GenerationOptions, onDelta: (text: string) => void): Promise<string>;
  /**
   * One user turn through the model's chat template. `onTemplate` gets the exact text pieces the
   * engine tokenized (and any token ids it put before them) before the first delta.
   */
  chat(
    user: string,
    options: GenerationOptions,
    onTemplate: (prefixIds: number[], segments: { text: string; ids: number[] }[]) => void,
    onDelta: (text: string) => void,
  ): Promise<string>;
  interrupt(): void;
  unload(): Promise<void>;
}

/** Loads models; the worker's implementation wraps WebLLM. */
export interface WebLLMBackend {
  load(
    record: ModelRecordData,
    parameters: number,
    onProgress: (r: InitReport) => void,
    onDownload: (url: string, loaded: number, total: number | null) => void,
  ): Promise<LoadedModel>;
}

/** Sends a reply to the page; typed arrays in `transfer` move instead of being copied. */
export type Post = (message: WebLLMResponse, transfer?: Transferable[]) => void;

/** The most candidates the page may ask for: enough for any chart, small enough to post at once. */
export const MAX_TOP_K = 1000;

/** Creates the handler; call the result with each message the worker receives. */
export function createWebLLMHandler(backend: WebLLMBackend) {
  let model: LoadedModel | null = null;
  let modelId: string | null = null;
  /** Token ids the KV cache holds, or null when unknown (after a generation or an error). */
  let kvIds: number[] | null = null;
  /** The model's BOS token, put before every prompt the reader never sees it in; empty if none. */
  let bos: { text: string; ids: number[] } = { text: '', ids: [] };
  let queue: Promise<void> = Promise.resolve();

  function requireModel(): LoadedModel {
    if (!model) throw Object.assign(new Error('No model is loaded'), { name: 'ModelNotLoadedError' });
    return model;
  }

  /** Feeds only what the KV cache lacks when `ids` extends what it holds; else starts over. */
  async function logitsAfter(m: LoadedModel, ids: number[]): Promise<Float32Array> {
    const extendsCache =
      kvIds !== null && kvIds.length > 0 && ids.length > kvIds.length && kvIds.every((t, i) => ids[i] === t);
    const feed = extendsCache && kvIds ? ids.slice(kvIds.length) : ids;
    if (!extendsCache) {
      kvIds = null;
      await m.resetKV();
    }
    kvIds = null;
    const logits = await m.forward(feed, !extendsCache || feed.length > 1);
    kvIds = ids.slice();
    return logits;
  }

  async function run(req: WebLLMRequest, post: Post): Promise<void> {
    switch (req.type) {
      case 'load': {
        if (model && modelId === req.record.model_id) {
          post({ type: 'loaded', id: req.id, info: model.info });
          return;
        }
        if (model) await model.unload();
        model = null;
        modelId = null;
        kvIds = null;
        const loaded = await backend.load(
          req.record,
          req.parameters,
          (report) => post({ type: 'progress', id: req.id, report }),
          (url, bytes, total) => post({ type: 'download', id: req.id, url, loaded: bytes, total }),
        );
        model = loaded;
        modelId = req.record.model_id;
        // Only a text the tokenizer reads as one special token is trusted as the BOS.
        const bosIds = req.bos ? loaded.encode(req.bos) : [];
        bos = bosIds.length === 1 && req.bos ? { text: req.bos, ids: bosIds } : { text: '', ids: [] };
        post({ type: 'loaded', id: req.id, info: loaded.info });
        return;
      }
      case 'tokenize':
        post({ type: 'tokens', id: req.id, ids: requireModel().encode(req.text) });
        return;
      case 'detokenize':
        post({ type: 'text', id: req.id, text: requireModel().decode(req.ids) });
        return;
      case 'token-texts': {
        const m = requireModel();
        post({ type: 'texts', id: req.id, texts: req.ids.map((t) => m.decode([t])) });
        return;
      }
      case 'next': {
        const m = requireModel();
        if (req.ids.length === 0) throw new RangeError('At least one token is needed to predict the next');
        const ids = [...bos.ids, ...req.ids.slice(-(m.info.contextLength - bos.ids.length))];
        const logits = await logitsAfter(m, ids);
        const top = topCandidates(logits, Math.min(Math.max(1, req.topK), MAX_TOP_K));
        const targets = (req.targets ?? []).map((t) => ({ id: t, logit: logits[t] ?? -Infinity, rank: rankOf(logits, t) }));
        post(
          { type: 'distribution', id: req.id, ids: top.ids, logits: top.logits, logSumExp: top.logSumExp, targets },
          [top.ids.buffer, top.logits.buffer],
        );
        return;
      }
      case 'complete': {
        const m = requireModel();
        kvIds = null;
        await m.resetKV();
        const reason = await m.complete(bos.text + req.prompt, req.options, (text) => post({ type: 'delta', id: req.id, text }));
        post({ type: 'done', id: req.id, finishReason: reason });
        return;
      }
      case 'chat': {
        const m = requireModel();
        kvIds = null;
        await m.resetKV();
        const reason = await m.chat(
          req.user,
          req.options,
          (prefixIds, segments) => {
            const withTokens = (s: { text: string; ids: number[] }) => ({ ...s, tokens: s.ids.map((t) => m.decode([t])) });
            // Token ids put before the text (a BOS) have no text of their own; show what they decode to.
            const prefix = withTokens({ text: m.decode(prefixIds), ids: prefixIds });
            post({ type: 'template', id: req.id, prefix, segments: segments.map(withTokens) });
          },
          (text) => post({ type: 'delta', id: req.id, text }),
        );
        post({ type: 'done', id: req.id, finishReason: reason });
        return;
      }
      case 'unload': {
        if (model) await model.unload();
        model = null;
        modelId = null;
        kvIds = null;
        post({ type: 'done', id: req.id, finishReason: 'unloaded' });
        return;
      }
      case 'stop':
        return;
    }
  }

  /** Handles one request; replies through `post`, errors included (it never throws). */
  return function handle(req: WebLLMRequest, post: Post): Promise<void> {
    if (req.type === 'stop') {
      model?.interrupt();
      post({ type: 'done', id: req.id, finishReason: 'stopped' });
      return Promise.resolve();
    }
    const task = queue.then(() =>
      run(req, post).catch((error: unknown) => {
        kvIds = null;
        const data = toErrorData(error);
        if (req.type !== 'load' && model && isLostDevice(data)) {
          // The GPU went away after the load: drop the dead engine so the next load really reloads.
          const dead = model;
          model = null;
          modelId = null;
          void dead.unload().catch(() => undefined);
          post({ type: 'error', id: req.id, error: { name: DEVICE_LOST_LOADED, message: `${data.name}: ${data.message}` } });
          return;
        }
        post({ type: 'error', id: req.id, error: data });
      }),
    );
    queue = task;
    return task;
  };
}
