/**
 * The peer benchmark's page, bundled by peers.ts and opened in Chromium: our engine, llama.cpp
 * (wllama, single thread, the GGUF export) and ONNX Runtime Web (WASM, one thread, the ONNX
 * export) on the same weights, on this page's own thread for ours and as each runtime ships.
 *
 * `?mode=agree`: next-token probabilities of every runtime for a fixed prompt set, for the
 * agreement test. `?mode=bench`: load, first prediction, prefill and decode for each model, and
 * the single-thread WASM SIMD peak (peak.ts). Results go to `window.__peers`.
 */
import { Wllama } from '@wllama/wllama/esm/index.js';
import * as ort from 'onnxruntime-web/wasm';
import { createLocalTinyLm } from '../../lib/tinylm/engine.ts';
import { fetchModelSource } from '../../lib/tinylm/source.ts';
import { measurePeak } from './peak.ts';
import { measureRoofline } from './measure.ts';

/** One runtime's next-token probabilities for one prompt: p[id]. */
export interface AgreeResult {
  models: Record<string, { prompts: number[][]; ours: number[][]; wllama: number[][]; ort: number[][] }>;
}

/** One runtime on one model. */
export interface RuntimeSpeed {
  /** Runtime set up and model fetched and parsed (ms). */
  loadMs: number;
  /** From nothing to the first next-token distribution of the prompt (ms), load included. */
  firstPredictionMs: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
}

export interface BenchResult {
  /** The peak kernel (peak.ts), single thread. */
  peakGflops: number;
  /** Our engine's own matmul kernel on a prefill-shaped and a decode-shaped problem (measure.ts). */
  engine: { matmul: number; matvec: number; kernels: string };
  models: Record<string, Record<'ours' | 'wllama' | 'ort', RuntimeSpeed>>;
  tokens: number;
}

declare global {
  interface Window {
    __peers?: AgreeResult | BenchResult | { error: string };
  }
}

const here = (path: string) => new URL(path, location.href).href;

interface Runner {
  /** Probabilities after `ids` from an empty cache. */
  probs(ids: number[]): Promise<Float64Array>;
  /** Feeds `ids` after what is cached (empty after reset) and computes the last logits. */
  feed(ids: number[]): Promise<void>;
  reset(): Promise<void>;
  dispose(): Promise<void>;
}

function softmax(logits: ArrayLike<number>, V: number): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < V; i++) m = Math.max(m, logits[i]!);
  const p = new Float64Array(V);
  let s = 0;
  for (let i = 0; i < V; i++) s += p[i] = Math.exp(logits[i]! - m);
  for (let i = 0; i < V; i++) p[i]! /= s;
  return p;
}

async function ours(id: string): Promise<Runner & { tokenize(text: string): Promise<number[]> }> {
  const engine = createLocalTinyLm(id, fetchModelSource(here(`models/${id}/`)));
  const { runner, config } = await engine.loaded();
  let fed: number[] = [];
  return {
    tokenize: (text) => engine.tokenize(text),
    async probs(ids) {
      const d = await engine.nextTokenDistribution(ids);
      const p = new Float64Array(config.vocabSize);
      d.ids.forEach((t, i) => (p[t] = Math.exp(d.logits[i]! - d.logSumExp)));
      return p;
    },
    async feed(ids) {
      fed = [...fed, ...ids];
      runner.nextLogits(Int32Array.from(fed));
    },
    async reset() {
      fed = [];
      runner.reset();
    },
    dispose: () => engine.dispose(),
  };
}

async function wllama(id: string, contextLength: number): Promise<Runner> {
  const w = new Wllama({ 'single-thread/wllama.wasm': here('wllama/wllama.wasm') }, { suppressNativeLog: true });
  await w.loadModelFromUrl(here(`models/${id}/model.gguf`), { n_ctx: contextLength, n_batch: contextLength, n_threads: 1, cache_type_k: 'f32', cache_type_v: 'f32' });
  const runner: Runner = {
    async probs(ids) {
      await w.kvClear();
      await w.decode(ids, {});
      const top = await w.getLogits(-1);
      const p = new Float64Array(top.length);
      for (const { token, p: q } of top) p[token] = q;
      return p;
    },
    async feed(ids) {
      await w.decode(ids, {});
    },
    reset: () => w.kvClear(),
    dispose: () => w.exit(),
  };
  return runner;
}

async function onnx(id: string, nLayer: number, nHead: number, headDim: number, V: number): Promise<Runner> {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = here('ort/');
  const session = await ort.InferenceSession.create(here(`models/${id}/model.onnx`), { executionProviders: ['wasm'] });
  const empty = () => {
    const past: Record<string, ort.Tensor> = {};
    for (let l = 0; l < nLayer; l++) {
      for (const k of ['key', 'value']) past[`past_key_values.${l}.${k}`] = new ort.Tensor('float32', new Float32Array(0), [1, nHead, 0, headDim]);
    }
    return past;
  };
  let past = empty();
  let last: Float32Array = new Float32Array(V);
  const feed = async (ids: number[]) => {
    const out = await session.run({ ...past, input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]) });
    const next: Record<string, ort.Tensor> = {};
    for (let l = 0; l < nLayer; l++) {
      for (const k of ['key', 'value']) next[`past_key_values.${l}.${k}`] = out[`present.${l}.${k}`]!;
    }
    past = next;
    const logits = out.logits!.data as Float32Array;
    last = logits.subarray(logits.length - V);
  };
  return {
    async probs(ids) {
      past = empty();
      await feed(ids);
      return softmax(last, V);
    },
    feed,
    async reset() {
      past = empty();
    },
    dispose: () => session.release(),
  };
}

async function configOf(id: string) {
  const c = (await (await fetch(here(`models/${id}/config.json`))).json()) as { vocab_size: number; n_positions: number; n_layer: number; n_head: number; n_embd: number };
  return { V: c.vocab_size, C: c.n_positions, L: c.n_layer, H: c.n_head, hd: c.n_embd / c.n_head };
}

const PROMPTS = ['法国的首都是', '床前明月光，', 'The capital of France is', '一二三四五六', 'Once upon a time, there was'];

async function agree(ids: string[]): Promise<AgreeResult> {
  const result: AgreeResult = { models: {} };
  for (const id of ids) {
    const { V, C, L, H, hd } = await configOf(id);
    const a = await ours(id);
    const b = await wllama(id, C);
    const c = await onnx(id, L, H, hd, V);
    const entry: AgreeResult['models'][string] = { prompts: [], ours: [], wllama: [], ort: [] };
    for (const text of PROMPTS) {
      const prompt = await a.tokenize(text);
      entry.prompts.push(prompt);
      entry.ours.push([...(await a.probs(prompt))]);
      entry.wllama.push([...(await b.probs(prompt))]);
      entry.ort.push([...(await c.probs(prompt))]);
    }
    result.models[id] = entry;
    await Promise.all([a.dispose(), b.dispose(), c.dispose()]);
  }
  return result;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
}

type RuntimeName = 'ours' | 'wllama' | 'ort';

/**
 * Measures the three runtimes on one model, interleaved — each repeat runs ours, wllama and ORT
 * one after the other — so a burst of load from other jobs hits all three alike; medians.
 */
async function speeds(make: Record<RuntimeName, () => Promise<Runner>>, prompt: number[], tokens: number[], repeats: number): Promise<Record<RuntimeName, RuntimeSpeed>> {
  const names = Object.keys(make) as RuntimeName[];
  const samples = Object.fromEntries(names.map((k) => [k, { load: [] as number[], first: [] as number[], prefill: [] as number[], decode: [] as number[] }]));
  // Load and first prediction: a fresh runtime each time (3 rounds), as a page that creates it.
  for (let round = 0; round < 3; round++) {
    for (const k of names) {
      const t0 = performance.now();
      const r = await make[k]();
      samples[k]!.load.push(performance.now() - t0);
      await r.probs(prompt);
      samples[k]!.first.push(performance.now() - t0);
      await r.dispose();
    }
  }
  const runners = Object.fromEntries(await Promise.all(names.map(async (k) => [k, await make[k]()] as const))) as Record<RuntimeName, Runner>;
  for (let rep = 0; rep < repeats; rep++) {
    for (const k of names) {
      const r = runners[k];
      await r.reset();
      let s = performance.now();
      await r.feed(tokens);
      samples[k]!.prefill.push(performance.now() - s);
      await r.reset();
      await r.feed(tokens.slice(0, 1));
      s = performance.now();
      for (let i = 1; i < tokens.length; i++) await r.feed([tokens[i]!]);
      samples[k]!.decode.push(performance.now() - s);
    }
  }
  await Promise.all(names.map((k) => runners[k].dispose()));
  return Object.fromEntries(
    names.map((k) => {
      const x = samples[k]!;
      return [k, {
        loadMs: median(x.load),
        firstPredictionMs: median(x.first),
        prefillTokensPerSecond: tokens.length / (median(x.prefill) / 1000),
        decodeTokensPerSecond: (tokens.length - 1) / (median(x.decode) / 1000),
      }];
    }),
  ) as Record<RuntimeName, RuntimeSpeed>;
}

async function bench(ids: string[], repeats: number): Promise<BenchResult> {
  const models: BenchResult['models'] = {};
  let n = 0;
  for (const id of ids) {
    const { V, C, L, H, hd } = await configOf(id);
    n = Math.min(128, C);
    const tokens = Array.from({ length: n }, (_, i) => (i * 7919) % V);
    const tokenizer = await ours(id);
    const prompt = await tokenizer.tokenize(PROMPTS[0]!);
    await tokenizer.dispose();
    models[id] = await speeds({ ours: () => ours(id), wllama: () => wllama(id, C), ort: () => onnx(id, L, H, hd, V) }, prompt, tokens, repeats);
  }
  // The peak and our kernel alternately, best of each: the same moments of load for both.
  let peakGflops = 0;
  let engine = measureRoofline();
  for (let round = 0; round < 3; round++) {
    peakGflops = Math.max(peakGflops, measurePeak());
    const e = measureRoofline();
    engine = { matmul: Math.max(engine.matmul, e.matmul), matvec: Math.max(engine.matvec, e.matvec), kernels: e.kernels };
  }
  return { peakGflops, engine, models, tokens: n };
}

async function run(): Promise<AgreeResult | BenchResult> {
  const q = new URLSearchParams(location.search);
  const ids = (q.get('models') ?? 'tiny-m').split(',');
  return q.get('mode') === 'bench' ? bench(ids, Number(q.get('repeats') ?? 5)) : agree(ids);
}

run().then(
  (r) => { window.__peers = r; },
  (e: unknown) => { window.__peers = { error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) }; },
);
