/**
 * State of the next-token playground, composed of focused pieces a change usually touches alone:
 *
 * - `playground.session.ts`: one engine's session (the engine, prompt ids, branch tree, cached
 *   distributions, token texts), replaced whole when the engine changes;
 * - `playground.engine-switch.ts`: which engine, why it changed, a shared link's real-model run;
 * - `playground.run.ts`: the seeded draw of one token and the Run loop;
 * - `playground.chart.ts`: the chart's bars, the tail and the continuation text (pure);
 *
 * and, here, what outlives a session: the prompt and its typing, the settings, the seed, the
 * chart size. Lifecycle: created once per island mount with an engine getter; `load()` fetches the
 * model, then every move asks the engine for one distribution and caches it, so moving back is
 * instant and the sliders reshape the cached distribution without asking the model again.
 */
import { batch, computed, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import type { Engine } from '../../lib/engine/types.ts';
import { nodePath, type LoomOrigin } from '../../lib/loom/loom.ts';
import { reshapeDistribution } from '../../lib/sampling/distribution.ts';
import { MAX_SEED } from '../../lib/sampling/rng.ts';
import { clampSettings, DEFAULT_SETTINGS, type SamplingSettings } from '../../lib/sampling/settings.ts';
import { isEndOfText } from '../../ui/token-display.ts';
import { CHART_SIZE, CHART_SIZE_SHORT, chartRows, chartTail, continuationText, isUntouched, type CandidateRow } from './playground.chart.ts';
import { createEngineSwitch, type EngineChoice, type RealModelChoice, type SwitchPlan } from './playground.engine-switch.ts';
import { createRunLoop, drawToken, RUN_LENGTH } from './playground.run.ts';
import { createPlaygroundSession, MAX_DEPTH, type PlaygroundSession } from './playground.session.ts';
import type { PlaygroundUrlState } from './playground.url.ts';

export { CHART_SIZE, CHART_SIZE_SHORT, MAX_DEPTH, RUN_LENGTH };
export type { CandidateRow } from './playground.chart.ts';
export type { EngineChoice, EngineNote, RealModelChoice } from './playground.engine-switch.ts';
export type { LastMove, PlaygroundError } from './playground.session.ts';

/** What the view needs from outside: the engines, and a seed source for the dice button. */
export interface PlaygroundDeps {
  /** The built-in model's engine. */
  getEngine: () => Promise<Engine>;
  /** The real base model loaded on this page, if any (the engine switch offers it). */
  realModel?: ReadonlySignal<RealModelChoice | null>;
  randomSeed?: () => number;
}

/** Creates the playground's state. */
export function createPlaygroundModel(deps: PlaygroundDeps, initial?: PlaygroundUrlState | null) {
  const hasSharedPath = (initial?.path.length ?? 0) > 0;
  const engines = createEngineSwitch(initial);
  const start = engines.start;

  const prompt = signal(start?.prompt ?? '');
  const settings = signal<SamplingSettings>(start?.settings ?? DEFAULT_SETTINGS);
  const seed = signal(start?.seed ?? 42);
  const chartSize = signal(CHART_SIZE_SHORT);
  /** The reader is typing: the chart still shows the previous prompt until tokenizing catches up. */
  const editing = signal(false);
  let editTimer: ReturnType<typeof setTimeout> | undefined;

  const newSession = (getEngine: () => Promise<Engine>, path: readonly number[]) =>
    createPlaygroundSession({ getEngine, prompt, path, onFail: () => runs.stop() });
  const session = signal<PlaygroundSession>(newSession(deps.getEngine, start?.path ?? []));
  /** A signal of the current session, read through whichever session is current. */
  const fromSession = <T,>(pick: (s: PlaygroundSession) => ReadonlySignal<T>) => computed(() => pick(session.value).value);

  const status = fromSession((s) => s.status);
  const path = fromSession((s) => s.path);
  const texts = fromSession((s) => s.texts);
  const bytes = fromSession((s) => s.bytes);
  const dist = fromSession((s) => s.dist);
  const fullText = fromSession((s) => s.fullText);
  const info = fromSession((s) => s.info);
  const reshaped = computed(() => (dist.value ? reshapeDistribution(dist.value, settings.value) : null));
  const canStep = computed(() => session.value.canStep.value && !editing.value);

  const runs = createRunLoop({
    canStep: () => canStep.value,
    step: () => step('sample'),
    endedText: () => isEndOfText(texts.value.get(path.value[path.value.length - 1])),
  });
  const stop = runs.stop;

  const rows = computed<CandidateRow[]>(() => (reshaped.value ? chartRows(reshaped.value, texts.value, chartSize.value) : []));
  /** Mass of everything below the chart: at temperature 1, and after the settings. */
  const tail = computed(() => (reshaped.value ? chartTail(reshaped.value, chartSize.value, info.value?.vocabSize ?? 0) : null));
  /** The generated text after the prompt (see `continuationText`). */
  const continuation = computed(() => continuationText(prompt.value, fullText.value, path.value, texts.value, bytes.value));
  const url = computed<PlaygroundUrlState>(() => {
    const key = engines.linkKey();
    const s = { prompt: prompt.value, settings: settings.value, seed: seed.value, path: path.value };
    return key !== undefined ? { ...s, engine: key } : s;
  });
  /** The real model the switch can offer now (null: none loaded on this page). */
  const realAvailable = computed(() => deps.realModel?.value ?? null);
  /** True when the probabilities sampling uses are the model's own (see `isUntouched`). */
  const untouched = computed(() => isUntouched(settings.value, reshaped.value));

  /** Fetches the model and shows the first distribution; safe to call again after an error. */
  function load() {
    return session.peek().load();
  }

  /**
   * Drives another engine with the same controls. Token ids differ between models, so the text
   * so far (prompt and continuation) becomes the prompt, split again by the new model's tokenizer,
   * and a new session starts with an empty tree; the settings and the seed stay.
   */
  async function switchTo(plan: SwitchPlan) {
    runs.reset();
    clearTimeout(editTimer);
    const old = session.peek();
    const text = !editing.peek() && old.path.peek().length > 0 ? prompt.peek() + continuation.peek() : prompt.peek();
    const treeReset = old.loom.peek().nodes.length > 1;
    old.dispose();
    const real = plan.real;
    const next = batch(() => {
      const replay = engines.commit(plan, { text, treeReset });
      prompt.value = text;
      editing.value = false;
      const s = newSession(real ? async () => real.engine : deps.getEngine, replay);
      session.value = s;
      return s;
    });
    await next.load();
  }

  /** The engine switch: the built-in model, or the real base model loaded on this page. */
  async function chooseEngine(kind: EngineChoice['kind']) {
    const plan = engines.planChoice(kind, deps.realModel?.peek() ?? null, session.peek().status.peek());
    if (plan) await switchTo(plan);
  }

  // Follow the panel: when the real model in use is freed or replaced, the playground follows.
  const unwatch = deps.realModel
    ? effect(() => {
        const plan = engines.planFollow(deps.realModel!.value);
        if (plan) untracked(() => void switchTo(plan));
      })
    : () => {};

  /** A new prompt starts a new tree: the old branches belonged to another text. */
  async function setPrompt(text: string) {
    stop();
    clearTimeout(editTimer);
    editing.value = false;
    prompt.value = text;
    await session.peek().setPrompt(text);
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

  function moveTo(token: number, kind: LoomOrigin, u?: number) {
    return session.peek().moveTo(token, kind, reshaped.value, u);
  }

  /** Adds one token: drawn with the seed from the reshaped distribution, or the top one (greedy). */
  async function step(mode: 'sample' | 'greedy' = 'sample') {
    const r = reshaped.value;
    if (!canStep.value || !r) return;
    if (mode === 'greedy') return moveTo(r.ids[0], 'greedy');
    const { token, u } = drawToken(r, seed.value, path.value.length);
    return moveTo(token, 'sample', u);
  }

  /** Chooses a candidate from the chart instead of sampling: the text branches there. */
  async function pick(token: number) {
    if (status.value !== 'ready' || session.peek().busy.value || editing.value) return;
    stop();
    return moveTo(token, 'pick');
  }

  /** Steps back one token; the branch stays in the tree. */
  async function undo() {
    stop();
    await session.peek().back();
  }

  /** Jumps to any node of the tree (an earlier branch). */
  async function goTo(node: number) {
    stop();
    await session.peek().goTo(node);
  }

  /** Replaces the whole state from a shared link (the tree restarts with that one path). */
  async function applyUrlState(s: PlaygroundUrlState) {
    stop();
    batch(() => {
      settings.value = s.settings;
      seed.value = s.seed;
      prompt.value = s.prompt;
    });
    const current = session.peek();
    if (current.status.peek() !== 'ready') return current.restore(s.prompt, s.path);
    // A path is token ids of the model that made it: another model would read other tokens.
    const sameModel = untracked(engines.linkKey) === s.engine;
    await current.restore(s.prompt, sameModel ? s.path : []);
  }

  const loom = fromSession((s) => s.loom);
  const current = fromSession((s) => s.current);
  return {
    /** A shared link carries a run: show it without waiting for a click. */
    hasSharedPath,
    /** A failure outside the engine (e.g. the widget's code failed to download) shown like a load error. */
    reportError: (e: unknown) => session.peek().reportError(e),
    status,
    progress: fromSession((s) => s.progress),
    error: fromSession((s) => s.error),
    info, editing, prompt, settings, seed,
    promptIds: fromSession((s) => s.promptIds),
    loom, current, texts, bytes, dist,
    busy: fromSession((s) => s.busy),
    running: runs.running,
    lastMove: fromSession((s) => s.lastMove),
    runEnded: runs.runEnded,
    path,
    contextIds: fromSession((s) => s.contextIds),
    untouched, reshaped, rows, tail, fullText, continuation, url, canStep,
    engineChoice: engines.choice,
    engineNote: engines.note,
    realAvailable, chooseEngine,
    chartSize, toggleChartSize, load, setPrompt, editPrompt, setSetting, resetSettings, setSeed, newSeed, step, pick, undo, goTo,
    run: runs.run,
    stop, applyUrlState,
    /** Node ids from the prompt to the current node, for highlighting the current branch. */
    currentPath: computed(() => new Set(nodePath(loom.value, current.value))),
    dispose() {
      stop();
      clearTimeout(editTimer);
      unwatch();
      session.peek().dispose();
    },
  };
}

/** The playground's state object. */
export type PlaygroundModel = ReturnType<typeof createPlaygroundModel>;
