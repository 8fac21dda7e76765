/** A fake WebLLM backend for the handler and client tests: a "model" whose logits are arithmetic. */
import type { LoadedModel, WebLLMBackend } from '../../../src/workers/webllm.handler.ts';
import type { ModelRecordData } from '../../../src/lib/webllm/hosts.ts';

export const VOCAB = 32;

/** Logits that depend on the whole context: the next token is most likely (sum of ids) mod VOCAB. */
export function fakeLogits(context: number[]): Float32Array {
  const want = context.reduce((a, b) => a + b, 0) % VOCAB;
  return Float32Array.from({ length: VOCAB }, (_, v) => -Math.abs(v - want));
}

export function fakeRecord(id = 'fake-q4f32_1-MLC'): ModelRecordData {
  return {
    model: 'https://h/fake/',
    model_id: id,
    model_lib: 'https://h/fake.wasm',
    vram_required_MB: 1,
    low_resource_required: true,
    overrides: { context_window_size: 8 },
  };
}

/** The backend plus a log of what it was asked to do. */
export function fakeBackend(
  options: { failLoad?: Error; chunks?: string[]; device?: { lost: boolean }; bosIds?: Record<string, number[]> } = {},
) {
  const log = { loads: 0, unloads: 0, resets: 0, fed: [] as number[][], prompts: [] as string[], interrupts: 0 };
  const backend: WebLLMBackend = {
    async load(record, parameters, onProgress, onDownload) {
      log.loads++;
      onDownload('https://h/fake/mlc-chat-config.json', 2048, 2048);
      onProgress({ progress: 0.5, timeElapsed: 1, text: 'Fetching param cache[1/2]: 10MB fetched. 50% completed, 1 secs elapsed.' });
      if (options.failLoad) throw options.failLoad;
      let kv: number[] = [];
      let stopped = false;
      const model: LoadedModel = {
        info: { id: record.model_id, vocabSize: VOCAB, contextLength: record.overrides.context_window_size, parameters },
        // "a" → 0, "b" → 1, …: one token per letter
        encode: (text) => options.bosIds?.[text] ?? Array.from(text, (c) => (c.charCodeAt(0) - 97 + VOCAB) % VOCAB),
        decode: (ids) => ids.map((i) => String.fromCharCode(97 + i)).join(''),
        async forward(ids) {
          // What WebLLM 0.2.86 throws once a lost device made it unload itself.
          if (options.device?.lost) {
            throw Object.assign(new Error('Model not loaded before trying to complete forwardTokensAndSample.'), {
              name: 'ModelNotLoadedError',
            });
          }
          log.fed.push(ids);
          kv = kv.concat(ids);
          return fakeLogits(kv);
        },
        async resetKV() {
          log.resets++;
          kv = [];
        },
        async complete(prompt, _options, onDelta) {
          log.prompts.push(prompt);
          stopped = false;
          for (const c of options.chunks ?? [' once', ' upon']) {
            await new Promise((r) => setTimeout(r, 5));
            if (stopped) return 'abort';
            onDelta(c);
          }
          return 'length';
        },
        async chat(user, _options, onTemplate, onDelta) {
          onTemplate([1], [
            { text: '<|user|>\n', ids: [20, 21] },
            { text: `${user}<|end|>\n<|assistant|>\n`, ids: [0, 1] },
          ]);
          onDelta('Sure.');
          return 'stop';
        },
        interrupt() {
          log.interrupts++;
          stopped = true;
        },
        async unload() {
          log.unloads++;
        },
      };
      return model;
    },
  };
  return { backend, log };
}
