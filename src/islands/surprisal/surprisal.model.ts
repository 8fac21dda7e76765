/**
 * State of the surprisal view. Lifecycle: created once per island mount; `load()` fetches the
 * model; `score()` tokenizes the text and has the engine score it (in its worker, with progress)
 * while gzip measures the same bytes; a second `score()` or `cancel()` aborts the one running.
 */
import { batch, computed, signal } from '@preact/signals';
import type { Engine, EngineInfo, LoadProgress, TokenCandidate } from '../../lib/engine/types.ts';
import { rankBucket, RANK_BUCKETS, type RankBucket } from '../../lib/sampling/rank-buckets.ts';
import { surprisalTotals, type SurprisalTotals } from '../../lib/sampling/surprisal.ts';
import { sequenceLabels, sequenceLabelsFromText, tokenLabel } from '../../lib/format/tokens-display.ts';
import { alternatives, createPacker, type PackedScores } from './packed-scores.ts';
import { scoreInSegments, segmentSize } from './score-in-segments.ts';

/** How many alternatives each token shows. */
export const ALTERNATIVES = 10;
/** Longest text accepted; longer pastes are cut, and the view says so. */
export const MAX_CHARS = 50_000;

/** What the view needs from outside. */
export interface SurprisalDeps {
  getEngine: () => Promise<Engine>;
  /** gzip size of some bytes (CompressionStream in the browser). */
  gzipSize: (bytes: Uint8Array) => Promise<number>;
  now?: () => number;
}

/** A finished scoring, packed (see packed-scores.ts): token i ≥ 1 is score i − 1. */
export interface SurprisalResult {
  ids: Int32Array;
  /** Each token's text as shown (split characters on their first token, see display-texts.ts). */
  texts: string[];
  scores: PackedScores;
  totals: SurprisalTotals;
  /** UTF-8 bytes of the whole text. */
  bytes: number;
  /** gzip size of the whole text, bytes. */
  gzipBytes: number;
  contextLength: number;
  /** How many tokens fall in each rank bucket. */
  buckets: Record<RankBucket, number>;
  /** Wall time of tokenize + score, ms. */
  elapsedMs: number;
}

/** One token of a scored text, unpacked for the details panel. */
export interface ScoredToken {
  index: number;
  id: number;
  text: string;
  /** Null for the first token: nothing came before it. */
  rank: number | null;
  logprob: number | null;
  bucket: RankBucket | null;
  top: TokenCandidate[];
  /** The model saw only a window of the tokens before this one. */
  beyondContext: boolean;
}

/** Token `i` of a result, unpacked. */
export function tokenAt(r: SurprisalResult, i: number): ScoredToken {
  const scored = i > 0 && i - 1 < r.scores.count;
  const rank = scored ? r.scores.ranks[i - 1] : null;
  return {
    index: i,
    id: r.ids[i],
    text: r.texts[i] ?? '',
    rank,
    logprob: scored ? r.scores.logprobs[i - 1] : null,
    bucket: rank === null ? null : rankBucket(rank),
    top: scored ? alternatives(r.scores, i - 1) : [],
    beyondContext: i > r.contextLength,
  };
}

/** Why the view cannot show a result. */
export interface SurprisalError {
  kind: 'load' | 'engine';
  detail: string;
}

/** Creates the surprisal view's state. */
export function createSurprisalModel(deps: SurprisalDeps, initialText = '') {
  const now = deps.now ?? (() => performance.now());
  const status = signal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const loadProgress = signal<LoadProgress | null>(null);
  const error = signal<SurprisalError | null>(null);
  const info = signal<EngineInfo | null>(null);
  const text = signal(initialText);
  const phase = signal<'idle' | 'scoring' | 'done' | 'cancelled'>('idle');
  const progress = signal(0);
  const result = signal<SurprisalResult | null>(null);
  const active = signal<number | null>(null);
  const truncated = computed(() => text.value.length > MAX_CHARS);

  let engine: Engine | null = null;
  let getEngine = deps.getEngine;
  /** Bumped by `useEngine`, so a load for the previous engine gives up. */
  let generation = 0;
  let controller: AbortController | null = null;

  async function load() {
    if (status.value === 'loading' || status.value === 'ready') return;
    const mine = generation;
    batch(() => {
      status.value = 'loading';
      error.value = null;
      loadProgress.value = { fraction: 0 };
    });
    try {
      const got = await getEngine();
      if (mine !== generation) return;
      engine = got;
      const loaded = await got.load((p) => {
        if (mine === generation) loadProgress.value = p;
      });
      if (mine !== generation) return;
      info.value = loaded;
      status.value = 'ready';
    } catch (e) {
      if (mine !== generation) return;
      batch(() => {
        status.value = 'error';
        error.value = { kind: 'load', detail: e instanceof Error ? e.message : String(e) };
      });
    }
  }

  /**
   * Scores with another engine from now on (the built-in model, or the real base model loaded on
   * the page): the result of the previous one is dropped, since ranks and bits belong to a model.
   * `load()` then fetches it.
   */
  function useEngine(next: () => Promise<Engine>) {
    controller?.abort();
    controller = null;
    generation++;
    engine = null;
    getEngine = next;
    batch(() => {
      status.value = 'idle';
      info.value = null;
      error.value = null;
      loadProgress.value = null;
      result.value = null;
      active.value = null;
      phase.value = 'idle';
      progress.value = 0;
    });
  }

  function setText(value: string) {
    text.value = value;
  }

  /** Scores the text; resolves when done, cancelled or failed (the state says which). */
  async function score() {
    if (!engine || status.value !== 'ready') return;
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    const input = text.value.slice(0, MAX_CHARS);
    batch(() => {
      phase.value = 'scoring';
      progress.value = 0;
      error.value = null;
      active.value = null;
    });
    const started = now();
    try {
      const encoded = new TextEncoder().encode(input);
      const gzip = deps.gzipSize(encoded);
      const ids = await engine.tokenize(input);
      mine.signal.throwIfAborted();
      const ctx = info.value?.contextLength ?? 1024;
      const packer = createPacker(Math.max(0, ids.length - 1), ALTERNATIVES);
      const [texts] = await Promise.all([
        engine.tokenTexts(ids),
        scoreInSegments(
          engine,
          ids,
          {
            contextLength: ctx,
            segment: segmentSize(ctx),
            topK: ALTERNATIVES,
            signal: mine.signal,
            onProgress: (f) => {
              if (controller === mine) progress.value = f;
            },
          },
          packer.push,
        ),
      ]);
      const scores = packer.packed;
      // Tokens that hold part of a character are shown as their bytes (never U+FFFD): in the
      // text, with the character they complete; among the alternatives, on their own.
      const cutAlts = [...scores.altTexts].filter(([, text]) => text.includes('\uFFFD')).map(([id]) => id);
      const cutInText = texts.some((text) => text.includes('\uFFFD'));
      const [textBytes, altBytes] = engine.tokenBytes
        ? await Promise.all([cutInText ? engine.tokenBytes(ids) : undefined, cutAlts.length ? engine.tokenBytes(cutAlts) : undefined])
        : [undefined, undefined];
      cutAlts.forEach((id, j) => scores.altTexts.set(id, tokenLabel(scores.altTexts.get(id) ?? '', altBytes?.[j])));
      const labels = cutInText ? (textBytes ? sequenceLabels(textBytes) : sequenceLabelsFromText(input, texts)) : texts;
      const shownTexts = texts.map((text, i) => (text.includes('\uFFFD') ? labels[i]! : text));
      // The first token is given, not predicted: its bytes are left out of bits per byte.
      const firstBytes = ids.length ? new TextEncoder().encode(await engine.detokenize(ids.slice(0, 1))).length : 0;
      const gzipBytes = await gzip;
      const elapsedMs = now() - started;
      if (controller !== mine) return;
      const buckets = Object.fromEntries(RANK_BUCKETS.map((b) => [b, 0])) as Record<RankBucket, number>;
      for (let i = 0; i < scores.count; i++) buckets[rankBucket(scores.ranks[i])]++;
      const totals = surprisalTotals(scores.logprobs, Math.max(0, encoded.length - firstBytes));
      batch(() => {
        result.value = { ids: Int32Array.from(ids), texts: shownTexts, scores, totals, bytes: encoded.length, gzipBytes, contextLength: ctx, buckets, elapsedMs };
        phase.value = 'done';
        progress.value = 1;
      });
    } catch (e) {
      if (controller !== mine) return;
      if (mine.signal.aborted || (e instanceof Error && e.name === 'AbortError')) {
        phase.value = 'cancelled';
      } else {
        batch(() => {
          phase.value = 'idle';
          error.value = { kind: 'engine', detail: e instanceof Error ? e.message : String(e) };
        });
      }
    } finally {
      if (controller === mine) controller = null;
    }
  }

  /** Stops a running score; the engine rejects with an AbortError and the view says "cancelled". */
  function cancel() {
    controller?.abort();
  }

  /** The token whose details are shown (hover or keyboard focus). */
  function activate(index: number | null) {
    const n = result.value?.ids.length ?? 0;
    active.value = index === null || n === 0 ? null : Math.min(n - 1, Math.max(0, index));
  }

  /** A failure outside the engine (e.g. the widget's code failed to download), shown like a load error. */
  function reportError(e: unknown) {
    batch(() => {
      status.value = 'error';
      error.value = { kind: 'load', detail: e instanceof Error ? e.message : String(e) };
    });
  }

  return {
    reportError,
    status, loadProgress, error, info, text, phase, progress, result, active, truncated,
    load, useEngine, setText, score, cancel, activate,
    dispose() {
      controller?.abort();
    },
  };
}

/** The surprisal view's state object. */
export type SurprisalModel = ReturnType<typeof createSurprisalModel>;
