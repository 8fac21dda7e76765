/**
 * One engine's session in the playground: the engine, the prompt's token ids, the branch tree,
 * the distributions cached for it and the token texts it told. Token ids belong to one model, so
 * a switch of engine does not reset these one by one: the playground disposes the session and
 * creates a new one (playground.model.ts). A disposed session's late answers are dropped.
 *
 * Lifecycle: `load()` fetches the model, tokenizes the prompt and replays the path it was given;
 * then every move (`moveTo`, `back`, `goTo`, a new prompt) asks the engine for one distribution
 * and caches it, so moving back is instant.
 */
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Engine, EngineInfo, LoadProgress, NextTokenDistribution } from '../../lib/engine/types.ts';
import { createLoom, extend, extendPath, ROOT, tokensTo, type Loom, type LoomOrigin } from '../../lib/loom/loom.ts';
import type { ReshapedDistribution } from '../../lib/sampling/distribution.ts';
import { CHART_SIZE } from './playground.chart.ts';

/** Longest continuation the tree grows; Run stops there. */
export const MAX_DEPTH = 256;
/** Distributions kept for instant back-and-forth; each is a few tens of kB for the built-in model. */
export const CACHE_SIZE = 64;

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

/** What a session needs. */
export interface SessionOptions {
  /** The engine this session drives, fetched by `load()` (again after a failed load). */
  getEngine: () => Promise<Engine>;
  /** The prompt text; read when the model is loaded, so typing during the load is kept. */
  prompt: ReadonlySignal<string>;
  /** Token ids to replay after the prompt once loaded (a shared link's path). */
  path?: readonly number[];
  /** Told when the engine fails, so a running generation stops. */
  onFail?: () => void;
}

/** Creates a session for one engine. */
export function createPlaygroundSession(opts: SessionOptions) {
  const status = signal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const progress = signal<LoadProgress | null>(null);
  const error = signal<PlaygroundError | null>(null);
  const info = signal<EngineInfo | null>(null);
  const promptIds = signal<number[]>([]);
  const loom = signal<Loom>(createLoom());
  const current = signal(ROOT);
  const texts = signal<ReadonlyMap<number, string>>(new Map());
  /** Exact bytes of the tokens whose text alone holds U+FFFD (part of a character), when the engine can tell. */
  const bytes = signal<ReadonlyMap<number, Uint8Array>>(new Map());
  const dist = signal<NextTokenDistribution | null>(null);
  const fullText = signal('');
  const busy = signal(false);
  const lastMove = signal<LastMove | null>(null);

  const path = computed(() => tokensTo(loom.value, current.value));
  const contextIds = computed(() => [...promptIds.value, ...path.value]);
  /** A model is ready, nothing is pending, and the tree may grow. */
  const canStep = computed(() => status.value === 'ready' && !busy.value && dist.value !== null && path.value.length < MAX_DEPTH);

  let engine: Engine | null = null;
  let disposed = false;
  /** The path to replay at the next load (a shared link's, or one applied before the load). */
  let pendingPath: readonly number[] = opts.path ?? [];
  let request = 0;
  let promptRequest = 0;
  const cache = new Map<string, NextTokenDistribution>();

  function fail(kind: PlaygroundError['kind'], e: unknown) {
    if (disposed) return;
    batch(() => {
      error.value = { kind, detail: e instanceof Error ? e.message : String(e) };
      if (kind === 'load') status.value = 'error';
      busy.value = false;
    });
    opts.onFail?.();
  }

  async function fetchDistribution(e: Engine, ids: number[]): Promise<NextTokenDistribution> {
    const key = ids.join(',');
    const hit = cache.get(key);
    if (hit) {
      // Re-insert so the Map's order doubles as least-recently-used order.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const d = await e.nextTokenDistribution(ids);
    cache.set(key, d);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return d;
  }

  async function ensureTexts(e: Engine, ids: Iterable<number>) {
    const missing = [...new Set(ids)].filter((id) => !texts.value.has(id));
    if (missing.length === 0) return;
    const got = await e.tokenTexts(missing);
    const partial = missing.filter((_, i) => got[i].includes('\uFFFD'));
    const got2 = partial.length > 0 && e.tokenBytes ? await e.tokenBytes(partial) : [];
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
    const e = engine;
    if (!e || disposed) return;
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
      const [d, decoded] = await Promise.all([fetchDistribution(e, ids), e.detokenize(ids)]);
      await ensureTexts(e, [...ids, ...d.ids.subarray(0, CHART_SIZE)]);
      // A newer move started while this one waited (or the session was replaced): that one wins.
      if (mine !== request || disposed) return;
      batch(() => {
        dist.value = d;
        fullText.value = decoded;
        error.value = null;
        busy.value = false;
      });
    } catch (err) {
      if (mine === request) fail('engine', err);
    }
  }

  /** Fetches the model, tokenizes the prompt and shows the first distribution; safe to call again after an error. */
  async function load() {
    if (status.value === 'loading' || status.value === 'ready' || disposed) return;
    batch(() => {
      status.value = 'loading';
      error.value = null;
      progress.value = { fraction: 0 };
    });
    try {
      const got = await opts.getEngine();
      if (disposed) return;
      engine = got;
      const loaded = await got.load((p) => (progress.value = p));
      if (disposed) return;
      info.value = loaded;
      const ids = await got.tokenize(opts.prompt.value);
      if (disposed) return;
      const shared = pendingPath.filter((id) => id < loaded.vocabSize).slice(0, MAX_DEPTH);
      const grown = extendPath(createLoom(), ROOT, shared, 'pick');
      batch(() => {
        promptIds.value = ids;
        loom.value = grown.loom;
        current.value = grown.node;
        status.value = 'ready';
      });
      await refresh();
    } catch (e) {
      fail('load', e);
    }
  }

  /** True once the engine is loaded and answers. */
  const isReady = () => engine !== null && status.value === 'ready' && !disposed;

  /** A new prompt starts a new tree: the old branches belonged to another text. Does nothing before the load. */
  async function setPrompt(text: string) {
    if (!isReady()) return;
    const mine = ++promptRequest;
    try {
      const ids = await engine!.tokenize(text);
      if (mine !== promptRequest || disposed) return;
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
   * Starts over from a shared link's prompt and path. Before the load only the path is kept (the
   * prompt signal already holds the text): the load replays it.
   */
  async function restore(text: string, sharedPath: readonly number[]) {
    if (!isReady()) {
      pendingPath = sharedPath;
      return;
    }
    const ids = await engine!.tokenize(text);
    if (disposed) return;
    const vocab = info.value?.vocabSize ?? Infinity;
    const grown = extendPath(createLoom(), ROOT, sharedPath.filter((id) => id < vocab), 'pick');
    batch(() => {
      promptIds.value = ids;
      loom.value = grown.loom;
      current.value = grown.node;
      lastMove.value = null;
    });
    await refresh();
  }

  /** Adds `token` after the current node; `r` (the reshaped distribution it came from) gives its rank and probability. */
  async function moveTo(token: number, kind: LoomOrigin, r: ReshapedDistribution | null, u?: number) {
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

  /** Steps back one token; the branch stays in the tree. */
  async function back() {
    if (current.value === ROOT) return;
    current.value = loom.value.nodes[current.value].parent;
    lastMove.value = null;
    await refresh();
  }

  /** Jumps to any node of the tree (an earlier branch). */
  async function goTo(node: number) {
    if (!loom.value.nodes[node] || node === current.value) return;
    current.value = node;
    lastMove.value = null;
    await refresh();
  }

  return {
    status, progress, error, info, promptIds, loom, current, texts, bytes, dist, fullText, busy, lastMove, path, contextIds, canStep,
    load, setPrompt, restore, moveTo, back, goTo,
    /** A failure outside the engine (e.g. the widget's code failed to download) shown like a load error. */
    reportError: (e: unknown) => fail('load', e),
    /** Drops every answer still on its way; the session is done. */
    dispose() {
      disposed = true;
      request++;
      promptRequest++;
      cache.clear();
    },
  };
}

/** One engine's session. */
export type PlaygroundSession = ReturnType<typeof createPlaygroundSession>;
