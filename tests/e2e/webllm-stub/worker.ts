/**
 * A WebLLM worker for the e2e tests: the real handler (src/workers/webllm.handler.ts) with a fake
 * model instead of MLCEngine, so the page's client, panel, playground and comparison are driven
 * through the real message protocol without weights or a GPU. Any change to the protocol or the
 * handler's contract is a type error here, not a silent drift of a hand-written copy.
 * stub.ts bundles this file for a test; the config comes in a global (config.ts).
 */
import { createWebLLMHandler, type LoadedModel, type WebLLMBackend } from '../../../src/workers/webllm.handler.ts';
import type { WebLLMRequest, WebLLMResponse } from '../../../src/workers/webllm-protocol.ts';
import { CONFIG_GLOBAL, type StubConfig, type StubModel } from './config.ts';

const config = (globalThis as unknown as Record<string, StubConfig>)[CONFIG_GLOBAL];

function errorOf(data: { name: string; message: string }): Error {
  return Object.assign(new Error(data.message), { name: data.name });
}

/**
 * Splits text into control tokens (<|im_start|>), newlines, and words with their leading spaces,
 * numbering each new piece; decoding an id it never gave prints "?".
 */
function wordTokenizer(model: StubModel) {
  const ids = new Map<string, number>();
  const pieces: string[] = [];
  const idOf = (piece: string) => {
    let id = ids.get(piece);
    if (id === undefined) {
      id = model.firstId + pieces.length;
      ids.set(piece, id);
      pieces.push(piece);
    }
    return id;
  };
  return {
    idOf,
    encode: (text: string) => (text.match(/<\|[^|]*\|>|\n|[^\S\n]*[^\s<]+|[^\S\n]+/g) ?? []).map(idOf),
    decode: (list: number[]) => list.map((id) => pieces[id - model.firstId] ?? '?').join(''),
  };
}

function fakeModel(model: StubModel, info: LoadedModel['info']): LoadedModel {
  const tokenizer = wordTokenizer(model);
  const top = model.next.top.map(([piece, logit]) => [tokenizer.idOf(piece), logit] as const);
  const rest = model.next.restLogSumExp - Math.log(model.vocabSize - top.length);
  let failNext = config.failNext;
  return {
    info,
    encode: tokenizer.encode,
    decode: tokenizer.decode,
    async forward() {
      if (failNext) {
        const error = errorOf(failNext);
        failNext = undefined;
        throw error;
      }
      const logits = new Float32Array(model.vocabSize).fill(rest);
      for (const [id, logit] of top) logits[id] = logit;
      return logits;
    },
    async resetKV() {},
    async complete(_prompt, _options, onDelta) {
      onDelta(model.completion.text);
      return model.completion.finishReason;
    },
    async chat(user, _options, onTemplate, onDelta) {
      const text = `<|im_start|>user\n${user}<|im_end|>\n<|im_start|>assistant\n`;
      onTemplate([], [{ text, ids: tokenizer.encode(text) }]);
      onDelta(model.chatAnswer);
      return 'stop';
    },
    interrupt() {},
    async unload() {},
  };
}

const backend: WebLLMBackend = {
  async load(record, parameters, onProgress, onDownload) {
    if (config.failLoad) throw errorOf(config.failLoad);
    onDownload(`${record.model}x`, 2e6, 2e6);
    onProgress({ progress: 1, timeElapsed: 1, text: 'Finish loading on WebGPU' });
    return fakeModel(config.model, { id: record.model_id, vocabSize: config.model.vocabSize, contextLength: 2048, parameters });
  },
};

const handle = createWebLLMHandler(backend);
const post = (message: WebLLMResponse, transfer: Transferable[] = []) => self.postMessage(message, { transfer });
self.onmessage = (event: MessageEvent<WebLLMRequest>) => void handle(event.data, post);
