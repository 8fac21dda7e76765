/**
 * The benchmark's page, bundled by run.ts and opened in Chromium. It first times the path a
 * reader takes (page load → worker → model fetched → first prediction of the default model),
 * then measures every model on this thread with the same code as Node, and leaves the results
 * in `window.__bench` for Playwright to collect.
 */
import { createLocalTinyLm } from '../../lib/tinylm/engine.ts';
import { fetchModelSource } from '../../lib/tinylm/source.ts';
import { createTinyLmEngine } from '../../workers/tinylm-client.ts';
import { measureModel, measureRoofline, type ModelSpeed } from './measure.ts';
import { measureXRay, type XRaySpeed } from './xray.ts';

/** What the page reports. */
export interface PageResult {
  /** From navigation start (the page's own scripts included). */
  firstPredictionMs: number;
  /** From creating the engine, as an island does when it hydrates. */
  engineToFirstPredictionMs: number;
  /** Of which: until the worker reported the model loaded. */
  engineToLoadedMs: number;
  /** A second, bare worker (script now cached): created → its first reply. */
  workerBootMs: number;
  /** The same on this thread, without a worker (fetch, parse, first prediction), for comparison. */
  mainThreadFirstPredictionMs: number;
  firstPredictionToken: string;
  workerDecodeTokensPerSecond: number;
  /** Scoring a long text through the worker (strided windows past the context). */
  workerScoreTokensPerSecond: number;
  /** Longest main-thread task (ms, ≥ 50 by definition of a long task; 0 when none) during that score. */
  longestTaskWhileScoringMs: number;
  /** Whether aborting a running score rejected it with an AbortError. */
  scoreAbortWorks: boolean;
  /** The X-ray island on the default model: keystroke → the whole forward pass redrawn. */
  xray: XRaySpeed;
  roofline: { matmul: number; matvec: number; kernels: string };
  models: Record<string, ModelSpeed>;
}

declare global {
  interface Window {
    __bench?: PageResult | { error: string };
  }
}

async function run(): Promise<PageResult> {
  const q = new URLSearchParams(location.search);
  const defaultId = q.get('default') ?? 'tiny-m';
  const modelIds = (q.get('models') ?? defaultId).split(',');
  const prompt = q.get('prompt') ?? '法国的首都是';

  const created = performance.now();
  const engine = createTinyLmEngine(defaultId, new URL('models/', location.href).href, {
    createWorker: () => new Worker(new URL('tinylm.worker.js', location.href), { type: 'module' }),
  });
  await engine.load();
  const engineToLoadedMs = performance.now() - created;
  const promptIds = await engine.tokenize(prompt);
  const first = await engine.nextTokenDistribution(promptIds);
  // performance.now() counts from the navigation start: this is load → first prediction.
  const firstPredictionMs = performance.now();
  const engineToFirstPredictionMs = firstPredictionMs - created;
  const [firstPredictionToken] = await engine.tokenTexts([first.ids[0]!]);

  // The playground's real path: one step per call through the worker, the full sorted vocabulary back.
  const ids = [...promptIds];
  const steps = 64;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const d = await engine.nextTokenDistribution(ids);
    ids.push(d.ids[0]!);
  }
  const workerDecodeTokensPerSecond = steps / ((performance.now() - t0) / 1000);

  const info = await engine.load();
  const long = Array.from({ length: 2000 }, (_, i) => (i * 7919) % info.vocabSize);
  // Long tasks on this thread while the worker scores: scoring must not freeze the page (the
  // surprisal view's goal is 50 ms; its e2e test checks behaviour, this measures the time).
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
  observer.observe({ type: 'longtask', buffered: false });
  const s0 = performance.now();
  await engine.score(long, { topK: 5 });
  const workerScoreTokensPerSecond = (long.length - 1) / ((performance.now() - s0) / 1000);
  observer.disconnect();
  const longestTaskWhileScoringMs = Math.max(0, ...longTasks);
  const controller = new AbortController();
  const aborted = engine.score(long, { signal: controller.signal, onProgress: () => controller.abort() });
  const scoreAbortWorks = await aborted.then(() => false, (e: unknown) => e instanceof DOMException && e.name === 'AbortError');
  // The worker must still answer after a cancelled score.
  await engine.nextTokenDistribution(promptIds);
  const xray = await measureXRay(engine, 32);
  await engine.dispose();

  // With the script now in the HTTP cache: what a worker costs before it runs any of our code.
  const boot0 = performance.now();
  const bare = new Worker(new URL('tinylm.worker.js', location.href), { type: 'module' });
  await new Promise<void>((resolve) => {
    bare.onmessage = () => resolve();
    bare.postMessage({ type: 'tokenize', id: 1, text: '' });
  });
  const workerBootMs = performance.now() - boot0;
  bare.terminate();


  const t1 = performance.now();
  const direct = createLocalTinyLm(defaultId, fetchModelSource(new URL(`models/${defaultId}/`, location.href).href));
  await direct.nextTokenDistribution(await direct.tokenize(prompt));
  const mainThreadFirstPredictionMs = performance.now() - t1;
  await direct.dispose();

  const roofline = measureRoofline();
  const models: Record<string, ModelSpeed> = {};
  for (const id of modelIds) {
    const l0 = performance.now();
    const local = createLocalTinyLm(id, fetchModelSource(new URL(`models/${id}/`, location.href).href));
    const { runner, config } = await local.loaded();
    const loadMs = performance.now() - l0;
    const tokens = Int32Array.from({ length: Math.min(128, config.contextLength) }, (_, i) => (i * 7919) % config.vocabSize);
    models[id] = { ...measureModel(runner, tokens), loadMs };
    await local.dispose();
  }
  return { workerScoreTokensPerSecond, longestTaskWhileScoringMs, scoreAbortWorks, xray, firstPredictionMs, engineToFirstPredictionMs, engineToLoadedMs, mainThreadFirstPredictionMs, workerBootMs, firstPredictionToken: firstPredictionToken ?? '', workerDecodeTokensPerSecond, roofline, models };
}

run().then(
  (result) => { window.__bench = result; },
  (e: unknown) => { window.__bench = { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }; },
);
