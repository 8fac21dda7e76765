/**
 * The built-in tiny GPT-2 behind the widgets' Engine interface, in one thread: the worker wraps
 * it for pages, the command line uses it directly. Lifecycle: `load` fetches the folder once
 * (concurrent calls share the promise), `dispose` drops weights and cache, `load` may follow.
 */
import type { Engine, EngineInfo, ForwardTrace, LoadProgress, NextTokenDistribution, TokenCandidate, TokenScore } from '../engine/types.ts';
import { gptParameterCount, parseGptConfig, type GptConfig } from './config.ts';
import { logSumExp, sortByLogit } from './distribution.ts';
import { createGptRunner, placeWeights, runnerFloats, weightFloats, type GptRunner } from './model.ts';
import { scoreIds } from './score.ts';
import type { ModelSource } from './source.ts';
import { byteSafeLabel } from './token-bytes.ts';
import { loadTinyTokenizer, type EngineTokenizer } from './tokenizer.ts';
import { createTracer, tracerFloats, type Tracer } from './trace.ts';
import { createKernels } from './wasm-kernels.ts';
import { loadGptWeights, type StoredPrecision } from './weights.ts';

/** A loaded model: what the engine holds between load and dispose. */
export interface LoadedTinyLm {
  info: EngineInfo;
  config: GptConfig;
  precision: StoredPrecision;
  /** Which kernels run: "wasm-simd" or "js". */
  kernels: string;
  /** Serves nextTokenDistribution; its cache follows the playground's prompt. */
  runner: GptRunner;
  /** Serves score, with a cache of its own, so a long score never disturbs the playground's. */
  scoreRunner: GptRunner;
  /** Serves trace: its own buffers, so the X-ray never touches either runner's cache. */
  tracer: Tracer;
  tokenizer: EngineTokenizer;
}

/** The Engine plus direct access for the command line and the benchmark. */
export interface TinyLmEngine extends Engine {
  trace: NonNullable<Engine['trace']>;
  /** The loaded model (loads it first if needed). */
  loaded(): Promise<LoadedTinyLm>;
}

/** Share of the progress bar given to the small JSON files before the weights. */
const JSON_SHARE = 0.02;

/** Creates an engine for model `id` whose files come from `source`. Nothing loads until `load`. */
export function createLocalTinyLm(id: string, source: ModelSource): TinyLmEngine {
  let loading: Promise<LoadedTinyLm> | undefined;
  // Scores share one runner: each waits for the one before it (a cancelled one ends at its next slice).
  let scoring: Promise<unknown> = Promise.resolve();

  function loaded(onProgress?: (p: LoadProgress) => void): Promise<LoadedTinyLm> {
    loading ??= loadModel(id, source, onProgress).catch((e: unknown) => {
      loading = undefined;
      throw e;
    });
    return loading;
  }

  const engine: TinyLmEngine = {
    loaded: () => loaded(),
    async load(onProgress) {
      return (await loaded(onProgress)).info;
    },
    async tokenize(text) {
      return (await loaded()).tokenizer.encode(text);
    },
    async detokenize(ids) {
      return (await loaded()).tokenizer.decode(ids);
    },
    async tokenTexts(ids) {
      const { tokenizer } = await loaded();
      return ids.map((id) => tokenizer.tokenText(id));
    },
    async tokenBytes(ids) {
      const { tokenizer } = await loaded();
      return ids.map((id) => tokenizer.tokenBytes(id).slice());
    },
    async nextTokenDistribution(ids): Promise<NextTokenDistribution> {
      const logits = (await loaded()).runner.nextLogits(ids);
      const sorted = sortByLogit(logits);
      return { ids: sorted.ids, logits: sorted.logits, logSumExp: logSumExp(logits) };
    },
    async score(ids, options = {}): Promise<TokenScore[]> {
      const { scoreRunner, tokenizer } = await loaded();
      const run = scoring.then(() => scoreIds(scoreRunner, ids, options));
      scoring = run.catch(() => undefined);
      const scores = await run;
      return scores.map((s) => ({
        id: s.id,
        logprob: s.logprob,
        rank: s.rank,
        top: s.top.map((t): TokenCandidate => ({ id: t.id, token: tokenizer.tokenText(t.id), logprob: t.logprob })),
      }));
    },
    async trace(ids, options = {}): Promise<ForwardTrace> {
      const { tracer, tokenizer } = await loaded();
      const raw = tracer.trace(ids, options);
      const labels = new Map<number, string>();
      const label = (id: number): string => {
        let s = labels.get(id);
        if (s === undefined) {
          // The model may have more rows than the tokenizer has tokens: name those by id.
          s = id < tokenizer.vocabSize ? byteSafeLabel(tokenizer.tokenBytes(id)) : `#${id}`;
          labels.set(id, s);
        }
        return s;
      };
      return {
        ...raw,
        tokens: raw.ids.map(label),
        lens: raw.lens.map((layer) => layer.map((row) => row.map((c) => ({ id: c.id, token: label(c.id), prob: c.prob })))),
      };
    },
    async dispose() {
      const pending = loading;
      loading = undefined;
      await pending?.catch(() => undefined);
    },
  };
  return engine;
}

async function loadModel(id: string, source: ModelSource, onProgress?: (p: LoadProgress) => void): Promise<LoadedTinyLm> {
  onProgress?.({ fraction: 0 });
  // All three files at once: the first prediction waits for the slowest, not for their sum.
  const weightBytes = source.bytes('model.safetensors', (loadedBytes, totalBytes) => {
    const f = totalBytes ? Math.min(1, loadedBytes / totalBytes) : 0;
    onProgress?.({ fraction: JSON_SHARE + (1 - 2 * JSON_SHARE) * f, loadedBytes, totalBytes });
  });
  // Keep a rejection of the weights from going unhandled while the JSON files are awaited.
  weightBytes.catch(() => undefined);
  const [configJson, tokenizerJson] = await Promise.all([source.json('config.json'), source.json('tokenizer.json')]);
  const config = inFile(id, 'config.json', () => parseGptConfig(configJson));
  const tokenizer = inFile(id, 'tokenizer.json', () => loadTinyTokenizer(tokenizerJson));
  if (tokenizer.vocabSize > config.vocabSize) {
    throw new Error(`model ${id}: the tokenizer has ${tokenizer.vocabSize} tokens but the model only ${config.vocabSize}`);
  }
  const bytes = await weightBytes;
  const loadedWeights = inFile(id, 'model.safetensors', () => loadGptWeights(bytes, config));
  const { precision } = loadedWeights;
  // One reservation for everything the kernels touch: the weights, both runners' and the tracer's buffers.
  const kernels = createKernels(weightFloats(loadedWeights.weights) + 2 * runnerFloats(config) + tracerFloats(config));
  const weights = placeWeights(loadedWeights.weights, kernels.alloc);
  const runner = createGptRunner(weights, config, { kernels });
  const scoreRunner = createGptRunner(weights, config, { kernels });
  const tracer = createTracer(weights, config, kernels);
  onProgress?.({ fraction: 1, loadedBytes: bytes.byteLength, totalBytes: bytes.byteLength });
  return {
    info: { id, vocabSize: config.vocabSize, contextLength: config.contextLength, parameters: gptParameterCount(config) },
    config,
    precision,
    kernels: kernels.name,
    runner,
    scoreRunner,
    tracer,
    tokenizer,
  };
}

/** Runs one file's parser; an error names the model and the file (once) and keeps the cause. */
function inFile<T>(id: string, file: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const bare = message.replace(/^(config\.json|safetensors|tokenizer\.json):\s*/, '');
    throw new Error(`model ${id}: ${file}: ${bare}`, { cause: e });
  }
}
