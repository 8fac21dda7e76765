/**
 * State of the forward-pass X-ray. Lifecycle: created once per island mount; `start` loads the
 * chosen model and traces the prompt; every edit of the prompt or the model traces again. Only one
 * trace is in flight: edits that arrive meanwhile are folded into one more trace of the latest
 * text, so typing never queues stale work. `dispose` stops showing results.
 */
import { batch, computed, signal } from '@preact/signals';
import type { Engine, ForwardTrace, LoadProgress } from '../../lib/engine/types.ts';
import { temperatureProbs } from '../../lib/sampling/temperature.ts';

/** Dependencies: the built-in engine by model id, and the list of models to offer. */
export interface XRayDeps {
  engine: (modelId: string) => Promise<Engine>;
  modelIndex?: () => Promise<{ id: string; dtype: string; params: number }[]>;
  /** Milliseconds since some origin (performance.now in the browser). */
  now?: () => number;
}

/** Lens candidates fetched per layer and position: the final table shows this many. */
export const LENS_TOP = 8;
/** Lens candidates shown per layer. */
export const LAYER_TOP = 3;

/** A head the reader points at. */
export interface HeadRef {
  layer: number;
  head: number;
}

/** One final candidate at the chosen temperature. */
export interface FinalCandidate {
  id: number;
  token: string;
  rank: number;
  logit: number;
  prob: number;
}

/** Creates the X-ray's state. */
export function createXRayModel(deps: XRayDeps, initial: { prompt: string; modelId: string }) {
  const now = deps.now ?? (() => (typeof performance === 'undefined' ? Date.now() : performance.now()));
  const prompt = signal(initial.prompt);
  const modelId = signal(initial.modelId);
  const models = signal<{ id: string; dtype: string; params: number }[]>([]);
  const status = signal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const progress = signal<LoadProgress | null>(null);
  const error = signal<string | null>(null);
  const trace = signal<ForwardTrace | null>(null);
  /** The text `trace` shows (the page marks it, so the benchmark can see an update land). */
  const tracedPrompt = signal<string | null>(null);
  /** Tokens before the context window, not traced. */
  const dropped = signal(0);
  const contextLength = signal(0);
  /** Milliseconds from the edit (or the model ready) to the trace arriving from the worker. */
  const elapsedMs = signal<number | null>(null);
  const selected = signal(0);
  const head = signal<HeadRef | null>(null);
  const temperature = signal(1);
  let followLast = true;
  let running = false;
  let dirty = false;
  let editedAt = 0;
  let disposed = false;
  let loadedModel: string | null = null;

  let listed = false;
  /** Fetches the model list once, in the browser (never while the server renders). */
  function listModels(): void {
    if (listed || !deps.modelIndex) return;
    listed = true;
    deps.modelIndex().then(
      (index) => {
        models.value = index;
      },
      () => undefined, // The list is a convenience: without it the island still shows its one model.
    );
  }

  const selectedCount = computed(() => trace.value?.ids.length ?? 0);

  /**
   * The final softmax at the chosen temperature for the selected position, over the whole
   * vocabulary. Temperature keeps the order, so the top candidates are the last lens layer's.
   */
  const finalCandidates = computed<FinalCandidate[]>(() => {
    const tr = trace.value;
    if (!tr) return [];
    const V = tr.vocabSize;
    const t = Math.min(selected.value, tr.ids.length - 1);
    const row = tr.finalLogits.subarray(t * V, t * V + V);
    const probs = temperatureProbs(row, temperature.value);
    return tr.lens[tr.nLayer]![t]!.map((c, i) => ({ id: c.id, token: c.token, rank: i + 1, logit: row[c.id]!, prob: probs[c.id]! }));
  });

  async function run(): Promise<void> {
    if (running) {
      dirty = true;
      return;
    }
    running = true;
    try {
      do {
        dirty = false;
        const text = prompt.peek();
        const id = modelId.peek();
        let started = editedAt || now();
        const engine = await deps.engine(id);
        if (loadedModel !== id) {
          batch(() => {
            status.value = 'loading';
            error.value = null;
          });
          await engine.load((p) => {
            progress.value = p;
          });
          loadedModel = id;
          // Loading is shown by its own bar; the time shown is the computation's.
          started = now();
        }
        const info = await engine.load();
        if (!engine.trace) throw new XRayError('noTrace');
        if (text === '') {
          batch(() => {
            trace.value = null;
            tracedPrompt.value = text;
            status.value = 'ready';
          });
          continue;
        }
        const all = await engine.tokenize(text);
        const ids = all.slice(-info.contextLength);
        const tr = await engine.trace(ids, { top: LENS_TOP });
        if (disposed) return;
        // A newer edit is waiting: skip drawing this one, the next pass draws the latest text.
        if (dirty && prompt.peek() !== text) continue;
        batch(() => {
          const T = tr.ids.length;
          if (followLast || selected.peek() >= T) selected.value = T - 1;
          trace.value = tr;
          tracedPrompt.value = text;
          dropped.value = all.length - ids.length;
          contextLength.value = info.contextLength;
          elapsedMs.value = now() - started;
          status.value = 'ready';
          error.value = null;
        });
        editedAt = 0;
      } while (dirty && !disposed);
    } catch (e) {
      if (disposed) return;
      batch(() => {
        status.value = loadedModel === modelId.peek() ? 'ready' : 'error';
        if (status.value === 'error') loadedModel = null;
        error.value = e instanceof XRayError ? e.key : e instanceof Error ? e.message : String(e);
      });
    } finally {
      running = false;
    }
  }

  return {
    prompt,
    modelId,
    models,
    status,
    progress,
    error,
    trace,
    tracedPrompt,
    dropped,
    contextLength,
    elapsedMs,
    selected,
    selectedCount,
    head,
    temperature,
    finalCandidates,
    /** Loads the model (if needed), lists the others, and traces the prompt. */
    start() {
      listModels();
      return run();
    },
    /** The reader typed: trace the new text. */
    editPrompt(text: string) {
      prompt.value = text;
      editedAt = now();
      void run();
    },
    /** Another built-in model: load it and trace the same text. */
    chooseModel(id: string) {
      if (id === modelId.peek()) return;
      modelId.value = id;
      head.value = null;
      editedAt = now();
      void run();
    },
    /** Selects position `t` (clamped); the last position keeps following the text's end. */
    select(t: number) {
      const T = trace.peek()?.ids.length ?? 0;
      if (T === 0) return;
      const v = Math.max(0, Math.min(T - 1, t));
      followLast = v === T - 1;
      selected.value = v;
    },
    /** Points at a head (or at none). */
    pointHead(ref: HeadRef | null) {
      head.value = ref;
    },
    setTemperature(v: number) {
      temperature.value = Math.max(0, Math.min(2, v));
    },
    dispose() {
      disposed = true;
    },
  };
}

/** A failure the view words itself (its key in xray.strings.ts). */
class XRayError extends Error {
  readonly key: 'noTrace';
  constructor(key: 'noTrace') {
    super(key);
    this.key = key;
  }
}

/** The X-ray's state, as the view sees it. */
export type XRayModel = ReturnType<typeof createXRayModel>;

/** The `k` keys a head's query reads from most, heaviest first. */
export function topKeys(row: ArrayLike<number>, upTo: number, k: number): { key: number; weight: number }[] {
  const keys = Array.from({ length: upTo + 1 }, (_, key) => ({ key, weight: row[key]! }));
  return keys.sort((a, b) => b.weight - a.weight || a.key - b.key).slice(0, k);
}
