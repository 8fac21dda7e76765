/**
 * State of the next-token playground. Lifecycle: created once per island mount with an engine
 * getter; `load()` fetches the model, then every move (step, pick, undo, jump in the tree, new
 * prompt) asks the engine for one distribution and caches it, so moving back is instant and
 * the sliders reshape the cached distribution without asking the model again.
 */
import { batch, computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { Engine, EngineInfo, LoadProgress, NextTokenDistribution } from '../../lib/engine/types.ts';
import { createLoom, extend, extendPath, nodePath, ROOT, tokensTo, type Loom, type LoomOrigin } from '../../lib/loom/loom.ts';
import { reshapeDistribution } from '../../lib/sampling/distribution.ts';
import { MAX_SEED, rngForStep } from '../../lib/sampling/rng.ts';
import { sampleIndex } from '../../lib/sampling/sample.ts';
import { clampSettings, DEFAULT_SETTINGS, type SamplingSettings } from '../../lib/sampling/settings.ts';
import type { PlaygroundUrlState } from './playground.url.ts';
import { isEndOfText } from '../../ui/token-display.ts';
import { textWithLooseBytes } from '../../lib/format/tokens-display.ts';

/** How many candidates the chart can show. */
export const CHART_SIZE = 50;
/** How many it shows until the reader asks for all of them: enough to see the cut-offs at work. */
export const CHART_SIZE_SHORT = 15;
/** Longest continuation the tree grows; Run stops there. */
export const MAX_DEPTH = 256;
/** How many tokens one press of Run adds at most. */
export const RUN_LENGTH = 40;
/** Distributions kept for instant back-and-forth; each is a few tens of kB for the built-in model. */
const CACHE_SIZE = 64;

/** A real base model another widget on the page has loaded (the Real model panel). */
export interface RealModelChoice {
  /** Model key (models.ts), e.g. "phi-1_5"; it goes into a shared link. */
  key: string;
  /** Name shown to the reader. */
  name: string;
  engine: Engine;
  /** False once the model was freed or its worker died: the playground must not reload it itself. */
  isLoaded: () => boolean;
}

/** Which engine the playground drives. */
export type EngineChoice = { kind: 'builtin' } | { kind: 'real'; key: string; name: string };

/** Why the engine changed; the view says it in the reader's language. */
export interface EngineNote {
  /**
   * chosen: the reader switched; unloaded: the real model went away, so back to the built-in one;
   * replaced: another real model was loaded in its place; shared-real-missing: a shared link was
   * made with a real model that is not loaded; shared-replayed: that model is loaded now and the
   * link's path was replayed with it.
   */
  reason: 'chosen' | 'unloaded' | 'replaced' | 'shared-real-missing' | 'shared-replayed';
  to: EngineChoice;
  /** Branches were dropped: token ids mean different tokens in another model. */
  treeReset: boolean;
  /** The real model a shared link was made with. */
  sharedModel?: string;
}

/** What the view needs from outside: the engines, and a seed source for the dice button. */
export interface PlaygroundDeps {
  /** The built-in model's engine. */
  getEngine: () => Promise<Engine>;
  /** The real base model loaded on this page, if any (the engine switch offers it). */
  realModel?: ReadonlySignal<RealModelChoice | null>;
  randomSeed?: () => number;
}

/** One bar of the chart. */
export interface CandidateRow {
  rank: number;
  id: number;
  text: string;
  /** Probability at temperature 1. */
  baseProb: number;
  /** Probability after the reader's settings (0 when cut). */
  prob: number;
  kept: boolean;
}

/** The last move, announced to screen readers and shown under the buttons. */
export interface LastMove {
  kind: LoomOrigin;
  token: number;
  rank: number;
  /** Probability after the reader's settings (what the draw used). */
  prob: number;
  /** Probability at temperature 1 (the model's own belief). */
  baseProb: number;
  /** The uniform number drawn for a sampled step. */
  u?: number;
}

/** Why the widget cannot continue: the view turns the kind into a sentence in the reader's language. */
export interface PlaygroundError {
  kind: 'load' | 'engine';
  detail: string;
}

/** Creates the playground's state. */
export function createPlaygroundModel(deps: PlaygroundDeps, initial?: PlaygroundUrlState | null) {
  const status = signal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const engineChoice = signal<EngineChoice>({ kind: 'builtin' });
  const engineNote = signal<EngineNote | null>(null);
  /** A shared link's run made with a real model, kept until the reader switches to that model. */
  let sharedReal: { engine: string; prompt: string; path: number[] } | null = null;
  const hasSharedPath = (initial?.path.length ?? 0) > 0;
  if (initial?.engine) {
    // The built-in model cannot replay another model's token ids: keep the text and settings, and
    // the path for when the reader loads that model.
    sharedReal = { engine: initial.engine, prompt: initial.prompt, path: initial.path };
    engineNote.value = { reason: 'shared-real-missing', to: { kind: 'builtin' }, treeReset: initial.path.length > 0, sharedModel: initial.engine };
    initial = { prompt: initial.prompt, settings: initial.settings, seed: initial.seed, path: [] };
  }
  const progress = signal<LoadProgress | null>(null);
  const error = signal<PlaygroundError | null>(null);
  const info = signal<EngineInfo | null>(null);

  const prompt = signal(initial?.prompt ?? '');
  const promptIds = signal<number[]>([]);
  const settings = signal<SamplingSettings>(initial?.settings ?? DEFAULT_SETTINGS);
  const seed = signal(initial?.seed ?? 42);
  const loom = signal<Loom>(createLoom());
  const current = signal(ROOT);
  const texts = signal<ReadonlyMap<number, string>>(new Map());
  /** Exact bytes of the tokens whose text alone holds U+FFFD (part of a character), when the engine can tell. */
  const bytes = signal<ReadonlyMap<number, Uint8Array>>(new Map());
  const dist = signal<NextTokenDistribution | null>(null);
  const fullText = signal('');
  const busy = signal(false);
  /** The reader is typing: the chart still shows the previous prompt until tokenizing catches up. */
  const editing = signal(false);
  const running = signal(false);
  const lastMove = signal<LastMove | null>(null);
  /** Why the last Run ended on its own (null while running, or when the reader pressed Stop). */
  const runEnded = signal<'length' | 'end-of-text' | null>(null);

  const path = computed(() => tokensTo(loom.value, current.value));
  const contextIds = computed(() => [...promptIds.value, ...path.value]);
  const chartSize = signal(CHART_SIZE_SHORT);
  const reshaped = computed(() => (dist.value ? reshapeDistribution(dist.value, settings.value) : null));
  const rows = computed<CandidateRow[]>(() => {
    const r = reshaped.value;
    if (!r) return [];
    const n = Math.min(chartSize.value, r.ids.length);
    const out: CandidateRow[] = [];
    for (let i = 0; i < n; i++) {
      const id = r.ids[i];
      out.push({ rank: i + 1, id, text: texts.value.get(id) ?? '', baseProb: r.baseProbs[i], prob: r.probs[i], kept: i < r.kept });
    }
    return out;
  });
  /** Mass of everything below the chart: at temperature 1, and after the settings. */
  const tail = computed(() => {
    const r = reshaped.value;
    if (!r) return null;
    const n = Math.min(chartSize.value, r.ids.length);
    let base = 0;
    let now = 0;
    for (let i = 0; i < n; i++) {
      base += r.baseProbs[i];
      now += r.probs[i];
    }
    // A real model sends only its top candidates: the tail is the rest of its whole vocabulary,
    // and its base mass includes what was not sent (1 − Σ sent, from logSumExp).
    const vocab = Math.max(info.value?.vocabSize ?? 0, r.ids.length);
    return { count: vocab - n, baseMass: Math.max(0, 1 - base), mass: Math.max(0, 1 - now) };
  });
  /**
   * The generated text after the prompt. A sampled token may hold part of a character whose rest
   * has not come yet (or never will): the decoded text then holds U+FFFD, so the continuation is
   * rebuilt from its tokens' bytes and such bytes show as ⟨e5⟩ (src/lib/format/tokens-display.ts).
   */
  const continuation = computed(() => {
    const text = fullText.value.startsWith(prompt.value) ? fullText.value.slice(prompt.value.length) : fullText.value;
    if (!text.includes('\uFFFD')) return text;
    // Bytes nobody knows (a real model reports only U+FFFD for such a token): say so as ⟨?⟩.
    const unknown = path.value.some((id) => !bytes.value.has(id) && (texts.value.get(id) ?? '\uFFFD').includes('\uFFFD'));
    if (unknown) return text.replace(/\uFFFD+/g, '⟨?⟩');
    const encoder = new TextEncoder();
    const parts = path.value.map((id) => bytes.value.get(id) ?? encoder.encode(texts.value.get(id)!));
    const all = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of parts) {
      all.set(b, at);
      at += b.length;
    }
    return textWithLooseBytes(all);
  });
  const url = computed<PlaygroundUrlState>(() => {
    const choice = engineChoice.value;
    const s = { prompt: prompt.value, settings: settings.value, seed: seed.value, path: path.value };
    return choice.kind === 'real' ? { ...s, engine: choice.key } : s;
  });
  /** The real model the switch can offer now (null: none loaded on this page). */
  const realAvailable = computed(() => deps.realModel?.value ?? null);
  /**
   * True when the probabilities sampling uses are the model's own, so the chart need not show two
   * per token. Not so when a real model sent only its top candidates: those are renormalized (the
   * rest cannot be drawn), and the reader should still see the model's own, smaller numbers.
   */
  const untouched = computed(() => {
    const s = settings.value;
    return s.temperature === 1 && s.topK === 0 && s.topP === 1 && s.minP === 0 && (reshaped.value?.unsentMass ?? 0) <= 1e-6;
  });
  const canStep = computed(
    () => status.value === 'ready' && !busy.value && !editing.value && dist.value !== null && path.value.length < MAX_DEPTH,
  );

  let engine: Engine | null = null;
  let getEngine: () => Promise<Engine> = deps.getEngine;
  /** The real engine in use, to notice when the panel replaces it. */
  let realEngine: Engine | null = null;
  /** Bumped on every engine switch, so a load for the previous engine gives up. */
  let generation = 0;
  let editTimer: ReturnType<typeof setTimeout> | undefined;
  let request = 0;
  let promptRequest = 0;
  const cache = new Map<string, NextTokenDistribution>();

  function fail(kind: PlaygroundError['kind'], e: unknown) {
    batch(() => {
      error.value = { kind, detail: e instanceof Error ? e.message : String(e) };
      if (kind === 'load') status.value = 'error';
      busy.value = false;
      running.value = false;
    });
  }

  async function fetchDistribution(ids: number[]): Promise<NextTokenDistribution> {
    const key = ids.join(',');
    const hit = cache.get(key);
    if (hit) {
      // Re-insert so the Map's order doubles as least-recently-used order.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const d = await engine!.nextTokenDistribution(ids);
    cache.set(key, d);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return d;
  }

  async function ensureTexts(ids: Iterable<number>) {
    const missing = [...new Set(ids)].filter((id) => !texts.value.has(id));
    if (missing.length === 0) return;
    const got = await engine!.tokenTexts(missing);
    const partial = missing.filter((_, i) => got[i].includes('\uFFFD'));
    const got2 = partial.length > 0 && engine!.tokenBytes ? await engine!.tokenBytes(partial) : [];
    if (got2.length === partial.length && partial.length > 0) {
      const nextBytes = new Map(bytes.value);
      partial.forEach((id, i) => nextBytes.set(id, got2[i]));
      bytes.value = nextBytes;
    }
    const next = new Map(texts.value);
    missing.forEach((id, i) => next.set(id, got[i]));
    texts.value = next;
  }

  /** Brings the distribution, the decoded text and the token texts in line with the current node. */
  async function refresh() {
    if (!engine) return;
    const mine = ++request;
    const ids = contextIds.value;
    if (ids.length === 0) {
      batch(() => {
        dist.value = null;
        fullText.value = '';
        busy.value = false;
      });
      return;
    }
    busy.value = true;
    try {
      const [d, decoded] = await Promise.all([fetchDistribution(ids), engine.detokenize(ids)]);
      await ensureTexts([...ids, ...d.ids.subarray(0, CHART_SIZE)]);
      // A newer move started while this one waited: its answer wins.
      if (mine !== request) return;
      batch(() => {
        dist.value = d;
        fullText.value = decoded;
        error.value = null;
        busy.value = false;
      });
    } catch (e) {
      if (mine === request) fail('engine', e);
    }
  }

  /** Fetches the model and shows the first distribution; safe to call again after an error. */
  async function load() {
    if (status.value === 'loading' || status.value === 'ready') return;
    const mine = generation;
    batch(() => {
      status.value = 'loading';
      error.value = null;
      progress.value = { fraction: 0 };
    });
    try {
      const got = await getEngine();
      if (mine !== generation) return;
      engine = got;
      const loaded = await got.load((p) => (progress.value = p));
      if (mine !== generation) return;
      info.value = loaded;
      const ids = await got.tokenize(prompt.value);
      if (mine !== generation) return;
      const vocab = loaded.vocabSize;
      const shared = (initial?.path ?? []).filter((id) => id < vocab).slice(0, MAX_DEPTH);
      const grown = extendPath(createLoom(), ROOT, shared, 'pick');
      batch(() => {
        promptIds.value = ids;
        loom.value = grown.loom;
        current.value = grown.node;
        status.value = 'ready';
      });
      await refresh();
    } catch (e) {
      if (mine === generation) fail('load', e);
    }
  }

  /**
   * Drives another engine with the same controls. Token ids differ between models, so the text
   * so far (prompt and continuation) becomes the prompt, split again by the new model's tokenizer,
   * and the branch tree starts over; the settings and the seed stay.
   */
  async function switchTo(choice: EngineChoice, reason: EngineNote['reason'], real: RealModelChoice | null = null) {
    stop();
    clearTimeout(editTimer);
    const text = !editing.peek() && path.peek().length > 0 ? prompt.peek() + continuation.peek() : prompt.peek();
    const treeReset = loom.peek().nodes.length > 1;
    let replay: number[] = [];
    let sharedModel: string | undefined;
    if (choice.kind === 'real' && sharedReal?.engine === choice.key) {
      // The model a shared link was made with is here: replay its path if the text is still the link's.
      if (text === sharedReal.prompt && !treeReset) replay = sharedReal.path;
      sharedModel = sharedReal.engine;
      sharedReal = null;
    }
    generation++;
    request++;
    promptRequest++;
    cache.clear();
    engine = null;
    realEngine = real?.engine ?? null;
    getEngine = real ? async () => real.engine : deps.getEngine;
    initial = { prompt: text, settings: settings.peek(), seed: seed.peek(), path: replay };
    batch(() => {
      engineChoice.value = choice;
      engineNote.value = { reason: replay.length > 0 ? 'shared-replayed' : reason, to: choice, treeReset, ...(sharedModel ? { sharedModel } : {}) };
      prompt.value = text;
      editing.value = false;
      promptIds.value = [];
      loom.value = createLoom();
      current.value = ROOT;
      texts.value = new Map();
      bytes.value = new Map();
      dist.value = null;
      fullText.value = '';
      lastMove.value = null;
      runEnded.value = null;
      info.value = null;
      error.value = null;
      busy.value = false;
      status.value = 'idle';
    });
    await load();
  }

  /** The engine switch: the built-in model, or the real base model loaded on this page. */
  async function chooseEngine(kind: EngineChoice['kind']) {
    const now = engineChoice.peek();
    if (kind === 'builtin') {
      if (now.kind === 'builtin' && status.peek() !== 'idle') return;
      return switchTo({ kind: 'builtin' }, 'chosen');
    }
    const real = deps.realModel?.peek();
    if (!real) return;
    if (!real.isLoaded()) return switchTo({ kind: 'builtin' }, 'unloaded');
    if (now.kind === 'real' && now.key === real.key && realEngine === real.engine && status.peek() === 'ready') return;
    return switchTo({ kind: 'real', key: real.key, name: real.name }, 'chosen', real);
  }

  // Follow the panel: when the real model in use is freed or replaced, the playground follows.
  const unwatch = deps.realModel
    ? effect(() => {
        const real = deps.realModel!.value;
        const now = engineChoice.peek();
        if (now.kind !== 'real') return;
        if (!real) void switchTo({ kind: 'builtin' }, 'unloaded');
        else if (real.engine !== realEngine) void switchTo({ kind: 'real', key: real.key, name: real.name }, 'replaced', real);
      })
    : () => {};

  /** A new prompt starts a new tree: the old branches belonged to another text. */
  async function setPrompt(text: string) {
    stop();
    clearTimeout(editTimer);
    editing.value = false;
    prompt.value = text;
    if (!engine || status.value !== 'ready') return;
    const mine = ++promptRequest;
    try {
      const ids = await engine.tokenize(text);
      if (mine !== promptRequest) return;
      batch(() => {
        promptIds.value = ids;
        loom.value = createLoom();
        current.value = ROOT;
        lastMove.value = null;
      });
      await refresh();
    } catch (e) {
      fail('engine', e);
    }
  }

  /**
   * Typing in the prompt box: the text shows at once, tokenizing waits for a pause in typing.
   * Until then the buttons are disabled, so a quick Step cannot land on the previous prompt.
   */
  function editPrompt(text: string, delayMs = 250) {
    stop();
    prompt.value = text;
    editing.value = true;
    clearTimeout(editTimer);
    editTimer = setTimeout(() => void setPrompt(text), delayMs);
  }

  function setSetting(key: keyof SamplingSettings, value: number) {
    settings.value = clampSettings({ ...settings.value, [key]: value });
  }

  /** Shows the top 50 candidates, or back to the short list. */
  function toggleChartSize() {
    chartSize.value = chartSize.value === CHART_SIZE ? CHART_SIZE_SHORT : CHART_SIZE;
  }

  function resetSettings() {
    settings.value = DEFAULT_SETTINGS;
  }

  function setSeed(value: number) {
    if (Number.isInteger(value) && value >= 0 && value <= MAX_SEED) seed.value = value;
  }

  function newSeed() {
    setSeed(Math.floor((deps.randomSeed ?? (() => Math.random()))() * (MAX_SEED + 1)) >>> 0);
  }

  async function moveTo(token: number, kind: LoomOrigin, u?: number) {
    const r = reshaped.value;
    const index = r ? r.ids.indexOf(token) : -1;
    const grown = extend(loom.value, current.value, token, kind);
    batch(() => {
      loom.value = grown.loom;
      current.value = grown.node;
      lastMove.value = {
        kind,
        token,
        rank: index + 1,
        prob: index >= 0 && r ? r.probs[index] : 0,
        baseProb: index >= 0 && r ? r.baseProbs[index] : 0,
        u,
      };
    });
    await refresh();
  }

  /** Adds one token: drawn with the seed from the reshaped distribution, or the top one (greedy). */
  async function step(mode: 'sample' | 'greedy' = 'sample') {
    const r = reshaped.value;
    if (!canStep.value || !r) return;
    if (mode === 'greedy') return moveTo(r.ids[0], 'greedy');
    // The draw depends on the seed and the position only, so the same seed replays the same text.
    let u = 0;
    const rng = rngForStep(seed.value, path.value.length);
    const index = sampleIndex(r.probs, () => (u = rng()), r.kept);
    return moveTo(r.ids[index], 'sample', u);
  }

  /** Chooses a candidate from the chart instead of sampling: the text branches there. */
  async function pick(token: number) {
    if (status.value !== 'ready' || busy.value || editing.value) return;
    stop();
    return moveTo(token, 'pick');
  }

  /** Steps back one token; the branch stays in the tree. */
  async function undo() {
    stop();
    if (current.value === ROOT) return;
    current.value = loom.value.nodes[current.value].parent;
    lastMove.value = null;
    await refresh();
  }

  /** Jumps to any node of the tree (an earlier branch). */
  async function goTo(node: number) {
    stop();
    if (!loom.value.nodes[node] || node === current.value) return;
    current.value = node;
    lastMove.value = null;
    await refresh();
  }

  /** Samples until Stop, the run length or the depth limit. */
  async function run(maxTokens = RUN_LENGTH) {
    if (running.value || !canStep.value) return;
    running.value = true;
    runEnded.value = null;
    try {
      for (let i = 0; running.value && canStep.value; i++) {
        if (i === maxTokens) {
          runEnded.value = 'length';
          break;
        }
        await step('sample');
        if (isEndOfText(texts.value.get(path.value[path.value.length - 1]))) {
          runEnded.value = 'end-of-text';
          break;
        }
        // Give the browser a frame between tokens so Stop and the sliders stay responsive.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      running.value = false;
    }
  }

  function stop() {
    running.value = false;
  }

  /** Replaces the whole state from a shared link (the tree restarts with that one path). */
  async function applyUrlState(s: PlaygroundUrlState) {
    stop();
    batch(() => {
      settings.value = s.settings;
      seed.value = s.seed;
      prompt.value = s.prompt;
    });
    if (!engine || status.value !== 'ready') {
      initial = s;
      return;
    }
    const ids = await engine.tokenize(s.prompt);
    const choice = engineChoice.peek();
    // A path is token ids of the model that made it: another model would read other tokens.
    const sameModel = (choice.kind === 'real' ? choice.key : undefined) === s.engine;
    const shared = sameModel ? s.path : [];
    const grown = extendPath(createLoom(), ROOT, shared.filter((id) => id < (info.value?.vocabSize ?? Infinity)), 'pick');
    batch(() => {
      promptIds.value = ids;
      loom.value = grown.loom;
      current.value = grown.node;
      lastMove.value = null;
    });
    await refresh();
  }

  /** A failure outside the engine (e.g. the widget's code failed to download) shown like a load error. */
  function reportError(e: unknown) {
    fail('load', e);
  }

  return {
    /** A shared link carries a run: show it without waiting for a click. */
    hasSharedPath,
    reportError,
    status, progress, error, info, editing, prompt, promptIds, settings, seed, loom, current, texts, bytes, dist, busy, running,
    lastMove, runEnded, path, contextIds, untouched, reshaped, rows, tail, fullText, continuation, url, canStep,
    engineChoice, engineNote, realAvailable, chooseEngine,
    chartSize, toggleChartSize, load, setPrompt, editPrompt, setSetting, resetSettings, setSeed, newSeed, step, pick, undo, goTo, run, stop, applyUrlState,
    /** Node ids from the prompt to the current node, for highlighting the current branch. */
    currentPath: computed(() => new Set(nodePath(loom.value, current.value))),
    dispose() {
      stop();
      clearTimeout(editTimer);
      unwatch();
      request++;
    },
  };
}

/** The playground's state object. */
export type PlaygroundModel = ReturnType<typeof createPlaygroundModel>;
