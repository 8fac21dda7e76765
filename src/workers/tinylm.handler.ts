/**
 * The built-in model's worker logic, testable without a Worker: one engine per worker, created by
 * the first `load`. Requests run as they arrive (the engine keeps the playground's and the
 * scorer's caches apart and queues scores); `cancel` aborts a running score at its next slice.
 */
import { createLocalTinyLm, type TinyLmEngine } from '../lib/tinylm/engine.ts';
import { bufferModelSource, fetchModelSource, type ModelFileBuffers } from '../lib/tinylm/source.ts';
import type { TinyLmRequest, TinyLmResponse } from './tinylm-protocol.ts';
import { baseDir } from '../lib/base-path.ts';

/** Sends a reply, transferring the given buffers. */
export type Post = (message: TinyLmResponse, transfer?: Transferable[]) => void;

/** How the handler makes its engine; tests may pass one over an in-memory model. */
export type EngineFactory = (modelId: string, modelsBaseUrl: string, files?: ModelFileBuffers) => TinyLmEngine;

/** Files the page sent, else fetched from the models folder. */
const defaultEngine: EngineFactory = (modelId, base, files) =>
  createLocalTinyLm(modelId, files ? bufferModelSource(files) : fetchModelSource(`${baseDir(base)}${modelId}/`));

/** Creates the message handler of one worker. */
export function createTinyLmHandler(createEngine: EngineFactory = defaultEngine) {
  let engine: TinyLmEngine | undefined;
  const scoring = new Map<number, AbortController>();

  const need = (): TinyLmEngine => {
    if (!engine) throw new Error('the model is not loaded: send "load" first');
    return engine;
  };

  async function answer(msg: TinyLmRequest, post: Post): Promise<void> {
    const { id } = msg;
    switch (msg.type) {
      case 'load': {
        engine ??= createEngine(msg.modelId, msg.modelsBaseUrl, msg.files);
        const info = await engine.load((progress) => post({ type: 'progress', id, progress }));
        post({ type: 'loaded', id, info });
        return;
      }
      case 'tokenize':
        post({ type: 'tokens', id, ids: await need().tokenize(msg.text) });
        return;
      case 'detokenize':
        post({ type: 'text', id, text: await need().detokenize(msg.ids) });
        return;
      case 'token-texts':
        post({ type: 'texts', id, texts: await need().tokenTexts(msg.ids) });
        return;
      case 'token-bytes':
        post({ type: 'bytes', id, bytes: (await need().tokenBytes?.(msg.ids)) ?? [] });
        return;
      case 'next': {
        const d = await need().nextTokenDistribution(msg.ids);
        post({ type: 'distribution', id, ids: d.ids, logits: d.logits, logSumExp: d.logSumExp }, [d.ids.buffer, d.logits.buffer]);
        return;
      }
      case 'score': {
        const controller = new AbortController();
        scoring.set(id, controller);
        try {
          const scores = await need().score(msg.ids, {
            topK: msg.topK,
            signal: controller.signal,
            onProgress: (fraction) => post({ type: 'score-progress', id, fraction }),
          });
          post({ type: 'scores', id, scores });
        } finally {
          scoring.delete(id);
        }
        return;
      }
      case 'trace': {
        const trace = await need().trace(msg.ids, msg.top === undefined ? {} : { top: msg.top });
        const arrays = [trace.attention, trace.residualNorms, trace.attnNorms, trace.mlpNorms, trace.tokenEmbeddings, trace.positionEmbeddings, trace.finalLogits, trace.answerProbs];
        post({ type: 'trace', id, trace }, arrays.map((a) => a.buffer));
        return;
      }
      case 'cancel':
        scoring.get(msg.target)?.abort();
        post({ type: 'done', id });
        return;
      case 'dispose':
        for (const c of scoring.values()) c.abort();
        await engine?.dispose();
        engine = undefined;
        post({ type: 'done', id });
        return;
    }
  }

  /** Handles one request; failures become an `error` reply, never an unhandled rejection. */
  return async function handle(msg: TinyLmRequest, post: Post): Promise<void> {
    try {
      await answer(msg, post);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      post({ type: 'error', id: msg.id, name: err.name, message: err.message });
    }
  };
}
