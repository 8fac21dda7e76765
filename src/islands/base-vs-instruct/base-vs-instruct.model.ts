/**
 * State of the base-vs-instruct comparison. Lifecycle: on mount `check()` reads the GPU facts
 * (nothing downloads); `loadBoth()` loads the base model then the instruct model, each in its own
 * worker; `run()` sends one prompt raw to the base model and through the chat template to the
 * instruct model, streaming both, and keeps the template's exact tokens for the X-ray.
 */
import { computed, signal } from '@preact/signals';
import { COMPARISON_PAIRS, modelByKey } from '../../lib/webllm/models.ts';
import { preflightModel, type GpuFacts, type HostFacts } from '../../lib/webllm/preflight.ts';
import { xrayTokens, type XrayToken } from '../../lib/webllm/xray.ts';
import type { TemplateSegment } from '../../workers/webllm-protocol.ts';
import { cachedModels, detectGpu, hostFacts, siteHosts } from '../../engine/webllm/detect.ts';
import { createModelLoader } from '../../engine/webllm/loader.ts';

/** Creates the comparison's state; `pair` indexes COMPARISON_PAIRS; the prompt starts as `defaultPrompt`. */
export function createBaseVsInstructModel(pair = 0, defaultPrompt = '') {
  const gpu = signal<GpuFacts | null>(null);
  const host = signal<HostFacts | null>(null);
  const pairIndex = signal(Math.min(Math.max(0, pair), COMPARISON_PAIRS.length - 1));
  const base = createModelLoader(siteHosts);
  const instruct = createModelLoader(siteHosts);
  const prompt = signal(defaultPrompt);
  const baseOutput = signal('');
  const instructOutput = signal('');
  const running = signal(false);
  const template = signal<{ prefix: TemplateSegment; segments: TemplateSegment[]; user: string } | null>(null);

  /** The pair's two preflight verdicts (variant by shader-f16, sizes, storage); both load at once,
   * so each one's memory and storage checks count the other model too. */
  const plan = computed(() => {
    if (!gpu.value || !host.value) return null;
    const p = COMPARISON_PAIRS[pairIndex.value];
    return {
      base: preflightModel(modelByKey(p.base), gpu.value, host.value, [modelByKey(p.instruct)]),
      instruct: preflightModel(modelByKey(p.instruct), gpu.value, host.value, [modelByKey(p.base)]),
    };
  });

  const xray = computed<XrayToken[] | null>(() => {
    const tpl = template.value;
    return tpl ? xrayTokens(tpl.prefix, tpl.segments, tpl.user) : null;
  });

  /** Reads the device's facts; downloads nothing. */
  async function check(): Promise<void> {
    const [g, cached] = await Promise.all([detectGpu(), cachedModels(siteHosts())]);
    host.value = await hostFacts(cached);
    gpu.value = g;
  }

  /** Picks another pair; loaded models of the old pair are freed. */
  async function choosePair(index: number): Promise<void> {
    if (index === pairIndex.value || running.value) return;
    pairIndex.value = index;
    template.value = null;
    baseOutput.value = '';
    instructOutput.value = '';
    await Promise.all([base.unload(), instruct.unload()]);
  }

  /** Loads the base model, then the instruct model (one at a time: half the peak bandwidth and memory). */
  async function loadBoth(): Promise<void> {
    const p = plan.value;
    if (!p) return;
    if (!base.loaded.value) {
      const ok = await base.load(p.base.model, p.base.variant, p.base.toDownloadBytes || p.base.downloadBytes);
      if (!ok) return;
    }
    if (!instruct.loaded.value) {
      await instruct.load(p.instruct.model, p.instruct.variant, p.instruct.toDownloadBytes || p.instruct.downloadBytes);
    }
    await check();
  }

  /** Cancels whichever download is running. */
  function cancel(): void {
    base.cancel();
    instruct.cancel();
  }

  /** The reader edits the prompt. */
  function setPrompt(text: string): void {
    prompt.value = text;
  }

  /** Sends the prompt to both models at once and streams both answers. */
  async function run(): Promise<void> {
    const b = base.loaded.value;
    const i = instruct.loaded.value;
    const text = prompt.value;
    if (!b || !i || running.value || !text.trim()) return;
    running.value = true;
    baseOutput.value = '';
    instructOutput.value = '';
    template.value = null;
    const options = { maxTokens: 96, temperature: 0.7 };
    try {
      await Promise.all([
        b.engine.complete(text, options, { onDelta: (d) => (baseOutput.value += d) }).catch((e: unknown) => void base.fail(e)),
        i.engine
          .chat(text, options, {
            onTemplate: (prefix, segments) => (template.value = { prefix, segments, user: text }),
            onDelta: (d) => (instructOutput.value += d),
          })
          .catch((e: unknown) => void instruct.fail(e)),
      ]);
    } finally {
      running.value = false;
    }
  }

  /** Stops both generations. */
  function stop(): void {
    base.loaded.value?.engine.stop();
    instruct.loaded.value?.engine.stop();
  }

  return {
    gpu,
    host,
    pairIndex,
    plan,
    base,
    instruct,
    prompt,
    baseOutput,
    instructOutput,
    running,
    template,
    xray,
    check,
    choosePair,
    loadBoth,
    cancel,
    setPrompt,
    run,
    stop,
  };
}

/** The comparison's state object. */
export type BaseVsInstructModel = ReturnType<typeof createBaseVsInstructModel>;
