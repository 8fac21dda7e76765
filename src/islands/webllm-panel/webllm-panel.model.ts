/**
 * State of the real-model panel. Lifecycle: on mount `check()` gathers facts (nothing is
 * downloaded); the reader picks a model and `load()`s it; once loaded the model is published in
 * `activeRealModel` for the playground, and the panel itself can continue a text or show the
 * next-token candidates. Failures land in `loader.failure` and never blank the panel.
 */
import { computed, signal } from '@preact/signals';
import { deleteCachedModel, type CachedModel } from '../../lib/webllm/cache.ts';
import { engineGone } from '../../lib/webllm/errors.ts';
import type { Hosts } from '../../lib/webllm/hosts.ts';
import { BASE_MODELS, modelByKey } from '../../lib/webllm/models.ts';
import {
  preflight,
  recommend,
  type GpuFacts,
  type HostFacts,
  type ModelPreflight,
} from '../../lib/webllm/preflight.ts';
import { activeRealModel } from '../../engine/page.ts';
import { cacheStorage, cachedModels, detectGpu, hostFacts, siteHosts } from '../../engine/webllm/detect.ts';
import { createModelLoader } from '../../engine/webllm/loader.ts';

/** What the panel needs from the browser; tests and other pages can swap these. */
export interface PanelDeps {
  detectGpu: () => Promise<GpuFacts>;
  hostFacts: (cached: readonly CachedModel[]) => Promise<HostFacts>;
  cachedModels: (hosts: Hosts) => Promise<CachedModel[]>;
  hosts: () => Hosts;
}

const browserDeps: PanelDeps = { detectGpu, hostFacts, cachedModels, hosts: siteHosts };

/** One next-token candidate as the panel lists it. */
export interface Candidate {
  token: string;
  prob: number;
}

/** Creates the panel's state; `defaultModel` is a model key (else the recommendation). */
export function createPanelModel(defaultModel?: string, defaultPrompt = '', deps: PanelDeps = browserDeps) {
  const gpu = signal<GpuFacts | null>(null);
  const host = signal<HostFacts | null>(null);
  const cached = signal<CachedModel[]>([]);
  const checking = signal(true);
  const chosenKey = signal<string | null>(defaultModel ?? null);
  /** Set after a "no shader-f16" failure: use the fp32 build even if the adapter claims f16. */
  const forceF32 = signal(false);
  const notice = signal<string | null>(null);
  const loader = createModelLoader(() => deps.hosts());

  const results = computed<ModelPreflight[]>(() => {
    if (!gpu.value || !host.value) return [];
    const g = gpu.value;
    return preflight(BASE_MODELS, forceF32.value && g.available ? { ...g, hasShaderF16: false } : g, host.value);
  });
  const recommendation = computed(() => recommend(results.value));
  const selected = computed<ModelPreflight | null>(() => {
    const key = chosenKey.value ?? recommendation.value?.model.key ?? BASE_MODELS[0].key;
    return results.value.find((r) => r.model.key === key) ?? null;
  });

  // Generation state for the panel's own "continue the text" box.
  const prompt = signal(defaultPrompt);
  const output = signal('');
  const generating = signal(false);
  const temperature = signal(0.7);
  const maxTokens = signal(48);
  const candidates = signal<{ list: Candidate[]; tail: number } | null>(null);

  /** Gathers the facts again (after a load or a delete, the cache changed). */
  async function check(): Promise<void> {
    checking.value = true;
    try {
      const [g, c] = await Promise.all([deps.detectGpu(), deps.cachedModels(deps.hosts())]);
      const h = await deps.hostFacts(c);
      gpu.value = g;
      cached.value = c;
      host.value = h;
    } finally {
      checking.value = false;
    }
  }

  /** Chooses which base model to load. */
  function choose(key: string): void {
    modelByKey(key);
    chosenKey.value = key;
  }

  /** Downloads (or reads from the cache) the selected model and publishes it for other widgets. */
  async function load(): Promise<void> {
    const pick = selected.value;
    if (!pick || loader.status.value === 'loading') return;
    notice.value = null;
    if (activeRealModel.value && activeRealModel.value.variant.modelId !== pick.variant.modelId) {
      activeRealModel.value = null;
    }
    const slot = await loader.load(pick.model, pick.variant, pick.toDownloadBytes || pick.downloadBytes);
    if (slot) activeRealModel.value = { engine: slot.engine, model: slot.model, variant: slot.variant };
    else if (loader.failure.value?.code === 'no-shader-f16') forceF32.value = true;
    await check();
  }

  /** Cancels a download; finished files stay cached. */
  function cancel(): void {
    loader.cancel();
  }

  /** Switches to the smallest model after a device loss, ready to load. */
  function pickSmallest(): void {
    chosenKey.value = BASE_MODELS[0].key;
  }

  /** Frees GPU memory. */
  async function unload(): Promise<void> {
    activeRealModel.value = null;
    await loader.unload();
  }

  /** Deletes a cached model's files, then re-checks storage. */
  async function remove(entry: CachedModel): Promise<void> {
    const storage = cacheStorage();
    if (!storage) return;
    if (loader.loaded.value?.variant.modelId === entry.variant.modelId) await unload();
    await deleteCachedModel(storage, entry.variant, deps.hosts());
    notice.value = entry.model.name;
    await check();
  }

  /** Streams a raw continuation of `prompt` (no chat template). */
  async function continueText(): Promise<void> {
    const slot = loader.loaded.value;
    if (!slot || generating.value || !prompt.value) return;
    generating.value = true;
    output.value = '';
    try {
      await slot.engine.complete(
        prompt.value,
        { maxTokens: maxTokens.value, temperature: temperature.value },
        { onDelta: (d) => (output.value += d) },
      );
    } catch (error) {
      const f = loader.fail(error);
      if (engineGone(f.code)) activeRealModel.value = null;
    } finally {
      generating.value = false;
    }
  }

  /** The reader edits the beginning; old candidates no longer apply. */
  function setPrompt(text: string): void {
    prompt.value = text;
    candidates.value = null;
  }

  /** Temperature in [0, 2]; anything else is clamped so sampling never sees NaN. */
  function setTemperature(value: number): void {
    temperature.value = Number.isFinite(value) ? Math.min(2, Math.max(0, value)) : 0.7;
  }

  /** Stops the generation. */
  function stop(): void {
    loader.loaded.value?.engine.stop();
  }

  /** The ten most likely next tokens after `prompt`, and the mass of all the rest. */
  async function showNext(): Promise<void> {
    const slot = loader.loaded.value;
    if (!slot || generating.value || !prompt.value) return;
    try {
      const ids = await slot.engine.tokenize(prompt.value);
      if (ids.length === 0) return;
      const d = await slot.engine.nextTokenDistribution(ids);
      const top = Array.from(d.ids.slice(0, 10));
      const texts = await slot.engine.tokenTexts(top);
      const list = top.map((_, i) => ({ token: texts[i], prob: Math.exp(d.logits[i] - d.logSumExp) }));
      candidates.value = { list, tail: Math.max(0, 1 - list.reduce((s, c) => s + c.prob, 0)) };
    } catch (error) {
      if (engineGone(loader.fail(error).code)) activeRealModel.value = null;
    }
  }

  return {
    gpu,
    host,
    cached,
    checking,
    results,
    recommendation,
    selected,
    notice,
    loader,
    prompt,
    output,
    generating,
    temperature,
    maxTokens,
    candidates,
    check,
    choose,
    setPrompt,
    setTemperature,
    load,
    cancel,
    pickSmallest,
    unload,
    remove,
    continueText,
    stop,
    showNext,
  };
}

/** The panel's state object. */
export type PanelModel = ReturnType<typeof createPanelModel>;
