/**
 * State of the training lab. Lifecycle: created once per island mount; `init()` reads the
 * bookshelf (the corpus manifest) and the tokenizer — never TensorFlow.js. `start()` creates the
 * worker (and only then does TensorFlow.js load, inside it); the phase then runs
 * library → loading → training ⇄ paused → trained → forgotten (the books are taken away), and
 * `reset()` ends the worker and returns to the library.
 */
import { computed, signal } from '@preact/signals';
import type { Lang } from '../../i18n/lang.ts';
import type { LabTokenizer } from '../../lib/train/browser-tokenizer.ts';
import { capText, defaultLabSize, LAB_RECIPES, labConfig, labParamCount, utf8Bytes, type BackendName, type LabSize } from '../../lib/train/browser-lab-config.ts';
import type { HeldText, RunInfo, TrainingErrorCode } from '../../workers/training-protocol.ts';
import { TrainingError, type TrainingClient } from '../../workers/training-client.ts';
import { shelfTexts, type SourceId } from './library.ts';

/** Where the lab is in its story. */
export type Phase = 'library' | 'loading' | 'training' | 'paused' | 'trained' | 'forgotten';

/** What the island needs from outside; tests and the view pass their own. */
export interface TrainingLabDeps {
  lang: Lang;
  /** tokenizer.json of the built-in model, or null when the site does not serve one. */
  tokenizerUrl: string | null;
  fetchManifest(): Promise<unknown>;
  loadTokenizer(url: string | null): Promise<LabTokenizer>;
  createClient(): TrainingClient;
  /** Whether the browser offers WebGPU; asked after mount, so the server render and hydration agree. */
  detectWebGpu(): Promise<boolean>;
}

/** One point of the loss curve. */
export interface LossPoint {
  step: number;
  loss: number;
}

/** Where an exam prompt starts when the reader has not typed one: the text's first characters. */
const PROMPT_CHARS = 8;
/** Tokens an exam answer continues for. */
export const ANSWER_TOKENS = 60;
/** Steps after which a slow browser is told so. */
const SLOW_CHECK_STEP = 10;

/** Creates the island's state. */
export function createTrainingLabModel(deps: TrainingLabDeps) {
  const shelf = signal<Record<Exclude<SourceId, 'own'>, string> | null>(null);
  const shelfState = signal<'loading' | 'ready' | 'failed'>('loading');
  const source = signal<SourceId>('seed');
  const text = signal('');
  const wasCapped = signal(false);
  const tokenizerKind = signal<'bpe' | 'bytes' | null>(null);
  const vocabSize = signal<number | null>(null);
  const tokenCount = signal<number | null>(null);
  const size = signal<LabSize>('small');
  /** null until init() has asked the browser. */
  const hasWebGpu = signal<boolean | null>(null);
  let sizeChosen = false;
  const seed = signal(42);
  const backend = signal<BackendName | 'auto'>('auto');
  const phase = signal<Phase>('library');
  const loadingStage = signal<'tokenizer' | 'tfjs' | 'model' | null>(null);
  const info = signal<RunInfo | null>(null);
  const losses = signal<LossPoint[]>([]);
  const tokensSeen = signal(0);
  const stepsPerSecond = signal(0);
  const sample = signal<{ step: number; prompt: string; text: string } | null>(null);
  const heatmap = signal<{ step: number; name: string; rows: number; cols: number; values: Float32Array } | null>(null);
  const error = signal<{ code: TrainingErrorCode; message: string } | null>(null);
  const slow = signal(false);
  const held = signal<HeldText | null>(null);
  const prompt = signal('');
  const temperature = signal<0 | 0.8>(0);
  const answer = signal<{ prompt: string; continuation: string } | null>(null);
  const answering = signal(false);

  const textBytes = computed(() => utf8Bytes(text.value));
  const paramsBySize = computed(() => {
    const v = vocabSize.value ?? 256;
    return { small: labParamCount(labConfig('small', v)), standard: labParamCount(labConfig('standard', v)) };
  });
  const busy = computed(() => phase.value === 'loading' || phase.value === 'training' || phase.value === 'paused');

  let tokenizer: LabTokenizer | null = null;
  let client: TrainingClient | null = null;
  /** Bumped on every start and reset, so a late reply from an old run changes nothing. */
  let generation = 0;
  let countTimer: ReturnType<typeof setTimeout> | undefined;

  function fail(e: unknown): void {
    error.value = e instanceof TrainingError ? { code: e.code, message: e.message } : { code: 'failed', message: e instanceof Error ? e.message : String(e) };
  }

  function countTokens(): void {
    clearTimeout(countTimer);
    tokenCount.value = null;
    // Typing re-counts after a pause, not on every key (20 KB of BPE takes tens of ms).
    countTimer = setTimeout(() => {
      if (tokenizer) tokenCount.value = tokenizer.tokenizer.encode(text.value).length;
    }, 150);
  }

  function setText(value: string): void {
    const capped = capText(value);
    wasCapped.value = capped !== value;
    text.value = capped;
    countTokens();
  }

  /** Reads the bookshelf and the tokenizer; safe to call again after a reset. */
  async function init(): Promise<void> {
    shelfState.value = 'loading';
    hasWebGpu.value = await deps.detectWebGpu().catch(() => false);
    if (!sizeChosen) size.value = defaultLabSize(hasWebGpu.value);
    const [manifest, lab] = await Promise.allSettled([deps.fetchManifest(), deps.loadTokenizer(deps.tokenizerUrl)]);
    if (lab.status === 'fulfilled') {
      tokenizer = lab.value;
      tokenizerKind.value = lab.value.kind;
      vocabSize.value = lab.value.tokenizer.vocabSize;
    }
    if (manifest.status === 'fulfilled') {
      shelf.value = shelfTexts(manifest.value, deps.lang);
      shelfState.value = 'ready';
      if (source.value !== 'own') setText(shelf.value[source.value]);
    } else {
      shelfState.value = 'failed';
      source.value = 'own';
    }
    countTokens();
  }

  function pickSource(id: SourceId): void {
    if (busy.value || phase.value === 'forgotten') return;
    source.value = id;
    if (id !== 'own' && shelf.value) setText(shelf.value[id]);
    else if (id === 'own') setText('');
  }

  function editText(value: string): void {
    if (busy.value || phase.value === 'forgotten') return;
    source.value = 'own';
    setText(value);
  }

  function setSeed(value: number): void {
    if (Number.isInteger(value) && value >= 0 && value <= 0xffffffff) seed.value = value;
  }

  async function start(): Promise<void> {
    if (busy.value) return;
    const run = ++generation;
    client?.dispose();
    client = deps.createClient();
    phase.value = 'loading';
    error.value = null;
    losses.value = [];
    sample.value = null;
    heatmap.value = null;
    held.value = null;
    answer.value = null;
    slow.value = false;
    tokensSeen.value = 0;
    stepsPerSecond.value = 0;
    const current = () => run === generation;
    try {
      const started = await client.start(
        { text: text.value, seed: seed.value, size: size.value, backend: backend.value, tokenizerUrl: deps.tokenizerUrl },
        {
          onLoading: (stage) => current() && (loadingStage.value = stage),
          onStep: (s) => {
            if (!current()) return;
            losses.value = [...losses.value, { step: s.step, loss: s.loss }];
            tokensSeen.value = s.tokensSeen;
            stepsPerSecond.value = s.stepsPerSecond;
            if (s.step === SLOW_CHECK_STEP && size.value === 'standard' && s.stepsPerSecond < 1) slow.value = true;
          },
          onSample: (s) => current() && phase.value !== 'forgotten' && (sample.value = { step: s.step, prompt: s.prompt, text: s.text }),
          onHeatmap: (h) => current() && (heatmap.value = { step: h.step, name: h.name, rows: h.rows, cols: h.cols, values: h.values }),
          onFinished: () => {
            if (current() && phase.value !== 'forgotten') phase.value = 'trained';
          },
          onError: (e) => current() && fail(e),
        },
      );
      if (!current()) return;
      info.value = started;
      loadingStage.value = null;
      if (phase.value === 'loading') phase.value = 'training';
    } catch (e) {
      if (!current()) return;
      loadingStage.value = null;
      phase.value = 'library';
      fail(e);
    }
  }

  async function pause(): Promise<void> {
    if (phase.value !== 'training' || !client) return;
    phase.value = 'paused';
    await client.pause().catch(fail);
  }

  async function resume(): Promise<void> {
    if (phase.value !== 'paused' || !client) return;
    phase.value = 'training';
    await client.resume().catch(fail);
  }

  async function stop(): Promise<void> {
    if (!client || (phase.value !== 'training' && phase.value !== 'paused')) return;
    await client.stop().catch(fail);
  }

  /** Stops training, then deletes the text here and in the worker; the exam prompt keeps its first characters. */
  async function forget(): Promise<void> {
    if (!client || !info.value || phase.value === 'forgotten' || phase.value === 'loading') return;
    try {
      const result = await client.forget();
      prompt.value = [...text.value].slice(0, PROMPT_CHARS).join('');
      text.value = '';
      clearTimeout(countTimer);
      tokenCount.value = 0;
      shelf.value = null;
      sample.value = null;
      held.value = result.held;
      phase.value = 'forgotten';
    } catch (e) {
      fail(e);
    }
  }

  async function ask(): Promise<void> {
    if (!client || phase.value !== 'forgotten' || answering.value) return;
    answering.value = true;
    error.value = null;
    try {
      const a = await client.exam(prompt.value, ANSWER_TOKENS, temperature.value, seed.value);
      answer.value = { prompt: a.prompt, continuation: a.continuation };
    } catch (e) {
      fail(e);
    } finally {
      answering.value = false;
    }
  }

  /** The trained weights as a .safetensors file (the view turns it into a download). */
  async function weightsFile(): Promise<{ file: Uint8Array; fileName: string } | null> {
    if (!client) return null;
    try {
      return await client.exportWeights();
    } catch (e) {
      fail(e);
      return null;
    }
  }

  async function reset(): Promise<void> {
    generation++;
    client?.dispose();
    client = null;
    phase.value = 'library';
    info.value = null;
    losses.value = [];
    sample.value = null;
    heatmap.value = null;
    held.value = null;
    answer.value = null;
    error.value = null;
    slow.value = false;
    source.value = 'seed';
    await init();
  }

  return {
    hasWebGpu,
    shelf, shelfState, source, text, wasCapped, tokenizerKind, tokenCount, textBytes, size, seed, backend, paramsBySize,
    phase, busy, loadingStage, info, losses, tokensSeen, stepsPerSecond, sample, heatmap, error, slow, held,
    prompt, temperature, answer, answering,
    init, pickSource, editText, setSeed, start, pause, resume, stop, forget, ask, weightsFile, reset,
    setSize: (s: LabSize) => {
      if (busy.value || !(s in LAB_RECIPES)) return;
      sizeChosen = true;
      size.value = s;
    },
    setBackend: (b: BackendName | 'auto') => { if (!busy.value) backend.value = b; },
    setPrompt: (p: string) => { prompt.value = p; },
    setTemperature: (t: 0 | 0.8) => { temperature.value = t; },
  };
}

/** The island's state object. */
export type TrainingLabModel = ReturnType<typeof createTrainingLabModel>;
