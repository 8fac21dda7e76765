/**
 * State of the model-memory calculator. Lifecycle: created once per island mount on a preset;
 * `loadSearch` applies the URL's `mem.*` keys after hydration; the config text is the single
 * source of truth (choosing a preset fills it, editing it makes it the reader's own), and every
 * count, size and verdict is derived from it.
 */
import { computed, signal } from '@preact/signals';
import { fitInBrowser, type BrowserHints } from '../../lib/calc/browser-fit.ts';
import { MAX_PARAMETERS, weightFileBytes } from '../../lib/calc/file-size.ts';
import { ConfigError, readModelShape, type ConfigProblem, type ModelShape } from '../../lib/calc/hf-config.ts';
import { inferenceMemory, type InferenceMemory } from '../../lib/calc/inference-memory.ts';
import { kvBytesPerToken, kvCacheBytes, MAX_BATCH, MAX_CONTEXT } from '../../lib/calc/kv-cache.ts';
import { countParameters, largestMatrix, type ParamBreakdown } from '../../lib/calc/param-count.ts';
import { bytesPerParameter, isWeightFormat, WEIGHT_FORMATS, type WeightFormat } from '../../lib/calc/precision.ts';
import { findPreset, MODEL_PRESETS, type ModelPreset } from '../../lib/calc/presets.ts';
import { parseQuantity, type QuantityRules } from '../../lib/format/parse-quantity.ts';
import { readUrlState, writeUrlState } from '../../lib/url-state/url-state.ts';

/** Query-string prefix of this widget's keys. */
export const MEMORY_PREFIX = 'mem';

/** A pasted config larger than this is not a config.json (real ones are about 1 KB). */
export const MAX_CONFIG_CHARS = 100_000;

/** Bounds of the context and batch fields. */
export const MEMORY_RULES = {
  context: { min: 0, max: MAX_CONTEXT, integer: true },
  batch: { min: 1, max: MAX_BATCH, integer: true },
} satisfies Record<string, QuantityRules>;

/** Why the config text gave no model. */
export type ConfigIssue =
  | { kind: 'empty' }
  | { kind: 'too-long' }
  | { kind: 'too-deep'; max: number }
  | { kind: 'too-many-params'; total: number }
  | { kind: 'json'; detail: string }
  | { kind: 'config'; field: string; problem: ConfigProblem; detail: string };

/** A counted model, or why there is none. */
export type ConfigResult =
  | { ok: true; shape: ModelShape; params: ParamBreakdown; slidingWindow: boolean }
  | { ok: false; issue: ConfigIssue };

/** Memory of the model in one format, for the chosen context. */
export interface FormatRow {
  format: WeightFormat;
  memory: InferenceMemory;
}

/** The text a preset puts in the config box. */
export function presetText(preset: ModelPreset): string {
  return JSON.stringify(preset.config, null, 2);
}

/**
 * Deepest nesting of objects and arrays a config may have. Real config.json files nest 3 or 4
 * levels (text_config → rope_scaling → a list); a link nested thousands deep is refused before
 * parsing, so no recursive step (parse, re-serialise for the URL, render) can overflow the stack.
 */
export const MAX_CONFIG_DEPTH = 32;

/** The deepest nesting of `{`/`[` in a JSON text, counting only brackets outside strings. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** Parses and counts a config.json text. */
export function readConfigText(text: string): ConfigResult {
  if (text.trim() === '') return { ok: false, issue: { kind: 'empty' } };
  if (text.length > MAX_CONFIG_CHARS) return { ok: false, issue: { kind: 'too-long' } };
  if (jsonDepth(text) > MAX_CONFIG_DEPTH) return { ok: false, issue: { kind: 'too-deep', max: MAX_CONFIG_DEPTH } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, issue: { kind: 'json', detail: e instanceof Error ? e.message : String(e) } };
  }
  try {
    const shape = readModelShape(json);
    const params = countParameters(shape);
    // Each field can be plausible while their product is absurd (a million layers of width 10⁶).
    if (params.total > MAX_PARAMETERS) return { ok: false, issue: { kind: 'too-many-params', total: params.total } };
    const sw = (json as Record<string, unknown>).sliding_window;
    const useSw = (json as Record<string, unknown>).use_sliding_window;
    return {
      ok: true,
      shape,
      params,
      slidingWindow: typeof sw === 'number' && sw > 0 && useSw !== false,
    };
  } catch (e) {
    if (e instanceof ConfigError) {
      return { ok: false, issue: { kind: 'config', field: e.field, problem: e.problem, detail: e.message } };
    }
    throw e;
  }
}

/** Creates the state, starting on `initialPreset` (Llama 3 8B by default). */
export function createModelMemoryModel(initialPreset = 'llama-3-8b') {
  const start = findPreset(initialPreset) ?? MODEL_PRESETS[0]!;
  /** The preset the text came from; null once the reader typed or dropped their own. */
  const presetId = signal<string | null>(start.id);
  const configText = signal(presetText(start));
  const context = signal('4096');
  const batch = signal('1');
  const format = signal<WeightFormat>('fp16');
  const hints = signal<BrowserHints | null>(null);
  const touched = signal(false);

  const config = computed(() => readConfigText(configText.value));
  const preset = computed(() => {
    const p = presetId.value ? findPreset(presetId.value) : undefined;
    return p && configText.value === presetText(p) ? p : null;
  });
  const contextParsed = computed(() => parseQuantity(context.value, MEMORY_RULES.context));
  const batchParsed = computed(() => parseQuantity(batch.value, MEMORY_RULES.batch));
  const kvPerToken = computed(() => (config.value.ok ? kvBytesPerToken(config.value.shape) : null));
  const kvTotal = computed(() => {
    const c = config.value;
    if (!c.ok || !contextParsed.value.ok || !batchParsed.value.ok) return null;
    return kvCacheBytes(c.shape, contextParsed.value.value, batchParsed.value.value);
  });
  const rows = computed<FormatRow[] | null>(() => {
    const c = config.value;
    const kv = kvTotal.value;
    if (!c.ok || kv === null) return null;
    return (Object.keys(WEIGHT_FORMATS) as WeightFormat[]).map((f) => ({
      format: f,
      memory: inferenceMemory(weightFileBytes(c.params.total, f), kv),
    }));
  });
  const chosen = computed(() => rows.value?.find((r) => r.format === format.value) ?? null);
  const fit = computed(() => {
    const c = config.value;
    const row = chosen.value;
    if (!c.ok || !row || !hints.value) return null;
    return fitInBrowser(row.memory.total, largestMatrix(c.shape) * bytesPerParameter(format.value), hints.value);
  });

  function choosePreset(id: string) {
    const p = findPreset(id);
    if (!p) {
      presetId.value = null;
      touched.value = true;
      return;
    }
    presetId.value = p.id;
    configText.value = presetText(p);
    touched.value = true;
  }
  function setConfigText(text: string) {
    configText.value = text;
    presetId.value = null;
    touched.value = true;
  }
  function setContext(v: string) {
    context.value = v.slice(0, 64);
    touched.value = true;
  }
  function setBatch(v: string) {
    batch.value = v.slice(0, 64);
    touched.value = true;
  }
  function setFormat(v: string) {
    if (isWeightFormat(v)) {
      format.value = v;
      touched.value = true;
    }
  }
  function setHints(h: BrowserHints) {
    hints.value = h;
  }
  /** Applies `mem.*` keys: a preset id, or the reader's own config as compact JSON. */
  function loadSearch(query: string) {
    const s = readUrlState(query, MEMORY_PREFIX);
    if (s.preset && findPreset(s.preset)) {
      presetId.value = s.preset;
      configText.value = presetText(findPreset(s.preset)!);
    } else if (s.config && s.config.length <= MAX_CONFIG_CHARS) {
      presetId.value = null;
      configText.value = s.config;
    }
    if (s.ctx !== undefined) context.value = s.ctx.slice(0, 64);
    if (s.batch !== undefined) batch.value = s.batch.slice(0, 64);
    if (s.fmt && isWeightFormat(s.fmt)) format.value = s.fmt;
  }
  /** The query string with this widget's keys updated. */
  function writeSearch(query: string): string {
    let own: string | null = null;
    if (!preset.value) {
      try {
        own = JSON.stringify(JSON.parse(configText.value));
      } catch {
        own = configText.value;
      }
      // A URL that long would be refused by some servers; the config then stays in the page only.
      if (own.length > 4000) own = null;
    }
    return writeUrlState(query, MEMORY_PREFIX, {
      preset: preset.value?.id ?? null,
      config: own,
      ctx: context.value,
      batch: batch.value,
      fmt: format.value,
    });
  }

  return {
    presetId, configText, context, batch, format, hints, touched,
    config, preset, contextParsed, batchParsed, kvPerToken, kvTotal, rows, chosen, fit,
    choosePreset, setConfigText, setContext, setBatch, setFormat, setHints, loadSearch, writeSearch,
  };
}

/** The island's state object. */
export type ModelMemoryModel = ReturnType<typeof createModelMemoryModel>;
