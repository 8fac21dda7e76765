/**
 * The training lab's worker logic, testable without a Worker.
 *
 * Lifecycle: `start` tokenizes the text, loads TensorFlow.js (a dynamic import, so nothing of it
 * loads before the reader starts), builds a GPT-2 and runs the training loop in the background,
 * streaming `step`, `sample` and `heatmap` replies under the start request's id until `finished`.
 * `pause`/`resume`/`stop` steer the loop between steps. `forget` stops it and drops the text: the
 * worker never stores the text's string, and the session's token array is its only copy.
 * `exam` and `export` then work from the weights alone. A new `start` replaces the run.
 */
import type { LabTokenizer } from '../lib/train/browser-tokenizer.ts';
import type { TrainingSession } from '../lib/train/browser-session.ts';
import { LAB_RECIPES, labConfig, MAX_PARAMS, MAX_TEXT_BYTES, utf8Bytes, type BackendName, type LabRecipe } from '../lib/train/browser-lab-config.ts';
import { toHfConfig } from '../lib/train/hf-config.ts';
import { createRng } from '../lib/train/rng.ts';
import type { HeldText, RunInfo, TrainingErrorCode, TrainingRequest, TrainingResponse } from './training-protocol.ts';

/** Sends a reply, transferring the given buffers. */
export type Post = (message: TrainingResponse, transfer?: Transferable[]) => void;

/** What the handler needs from its surroundings; the worker uses the defaults, tests their own. */
export interface TrainingHandlerDeps {
  /** Selects a TensorFlow.js backend (loading it first); returns the one in use. */
  prepareBackend(preferred: BackendName | 'auto'): Promise<BackendName>;
  loadTokenizer(url: string | null): Promise<LabTokenizer>;
  /** The session module; imported on demand because it imports TensorFlow.js. */
  loadSession(): Promise<typeof import('../lib/train/browser-session.ts')>;
  now(): number;
  /** Lets queued messages (pause, stop) in between two steps. */
  tick(): Promise<void>;
  /** Wall-clock time between two samples and heat maps. */
  sampleEveryMs: number;
}

const browserDeps: TrainingHandlerDeps = {
  prepareBackend: (preferred) =>
    Promise.all([import('../lib/train/browser-backend.ts'), import('../engine/gpu.ts')]).then(([m, gpu]) =>
      m.useBestBackend(preferred, gpu.requestGpuAdapter),
    ),
  loadTokenizer: (url) => import('../lib/train/browser-tokenizer.ts').then((m) => m.loadLabTokenizer(url)),
  loadSession: () => import('../lib/train/browser-session.ts'),
  now: () => performance.now(),
  tick: () => new Promise((resolve) => setTimeout(resolve, 0)),
  sampleEveryMs: 2500,
};

/** Tokens each sample continues with. */
const SAMPLE_TOKENS = 32;
/** Tokens of the text's start the samples are prompted with (dropped with the text). */
const SAMPLE_PROMPT_TOKENS = 4;
/** Longest exam answer, in tokens. */
export const MAX_ANSWER_TOKENS = 200;
/** The heat map's block of the weight matrix. */
const HEATMAP_SIZE = 32;

class LabError extends Error {
  readonly code: TrainingErrorCode;
  constructor(code: TrainingErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

interface Run {
  startId: number;
  session: TrainingSession;
  lab: LabTokenizer;
  recipe: LabRecipe;
  info: RunInfo;
  samplePrompt: number[];
  training: boolean;
  paused: boolean;
  stopRequested: boolean;
  wake: (() => void) | null;
  finished: Promise<void>;
}

/** Creates the message handler of one worker. */
export function createTrainingHandler(overrides: Partial<TrainingHandlerDeps> = {}) {
  const deps: TrainingHandlerDeps = { ...browserDeps, ...overrides };
  let run: Run | null = null;

  function held(): HeldText {
    // The text's string is never stored (see the lifecycle note); its tokens live in the session.
    return { textBytes: 0, tokens: run?.session.heldTokens() ?? 0 };
  }

  async function stopRun(r: Run): Promise<void> {
    r.stopRequested = true;
    r.wake?.();
    await r.finished;
  }

  async function trainLoop(r: Run, post: Post, done: () => void): Promise<void> {
    const durations: number[] = [];
    let lastSample = -Infinity;
    let reason: 'done' | 'stopped' = 'done';
    try {
      while (r.session.steps() < r.recipe.steps) {
        if (r.stopRequested) {
          reason = 'stopped';
          break;
        }
        if (r.paused) {
          await new Promise<void>((resolve) => (r.wake = resolve));
          r.wake = null;
          continue;
        }
        const t0 = deps.now();
        const { loss, lr } = r.session.trainOnce();
        durations.push(deps.now() - t0);
        if (durations.length > 10) durations.shift();
        const seconds = durations.reduce((a, b) => a + b, 0) / 1000;
        const step = r.session.steps();
        post({ type: 'step', id: r.startId, step, loss, lr, tokensSeen: step * r.info.tokensPerStep, stepsPerSecond: seconds > 0 ? durations.length / seconds : 0 });
        const now = deps.now();
        if (now - lastSample >= deps.sampleEveryMs || step === r.recipe.steps) {
          lastSample = now;
          postSample(r, step, post);
        }
        await deps.tick();
      }
    } catch (e) {
      post({ type: 'error', id: r.startId, code: 'failed', message: e instanceof Error ? e.message : String(e) });
    } finally {
      r.training = false;
      post({ type: 'finished', id: r.startId, step: r.session.steps(), reason });
      done();
    }
  }

  function postSample(r: Run, step: number, post: Post): void {
    const { tokenizer } = r.lab;
    const continuation = r.session.generate(r.samplePrompt, SAMPLE_TOKENS, 0.8, createRng(r.info.seed + step));
    post({ type: 'sample', id: r.startId, step, prompt: tokenizer.decode(r.samplePrompt), text: tokenizer.decode(continuation) });
    const map = r.session.heatmap(HEATMAP_SIZE, HEATMAP_SIZE);
    post({ type: 'heatmap', id: r.startId, step, ...map }, [map.values.buffer]);
  }

  async function start(msg: Extract<TrainingRequest, { type: 'start' }>, post: Post): Promise<void> {
    if (run?.training) throw new LabError('busy', 'a run is already training: stop it first');
    if (run) {
      run.session.dispose();
      run = null;
    }
    const { id, seed, size } = msg;
    const textBytes = utf8Bytes(msg.text);
    if (textBytes > MAX_TEXT_BYTES) throw new LabError('failed', `the text has ${textBytes} bytes; the lab reads at most ${MAX_TEXT_BYTES}`);
    post({ type: 'loading', id, stage: 'tokenizer' });
    const lab = await deps.loadTokenizer(msg.tokenizerUrl);
    const tokens = lab.tokenizer.encode(msg.text);
    const recipe = LAB_RECIPES[size];
    const config = labConfig(size, lab.tokenizer.vocabSize);
    if (tokens.length < config.nPositions + 1) {
      throw new LabError('text-too-short', `the text has ${tokens.length} tokens; a ${size} model needs at least ${config.nPositions + 1}`);
    }
    post({ type: 'loading', id, stage: 'tfjs' });
    let backend: BackendName;
    try {
      backend = await deps.prepareBackend(msg.backend);
    } catch (e) {
      throw new LabError('no-backend', e instanceof Error ? e.message : String(e));
    }
    post({ type: 'loading', id, stage: 'model' });
    const { createTrainingSession } = await deps.loadSession();
    const session = createTrainingSession({ config, recipe, tokens, seed });
    if (session.params > MAX_PARAMS) {
      session.dispose();
      throw new LabError('failed', `${session.params} parameters is over the lab's cap of ${MAX_PARAMS}`);
    }
    const info: RunInfo = {
      backend, tokenizer: lab.kind, vocabSize: lab.tokenizer.vocabSize, params: session.params, weightBytes: session.weightBytes,
      textBytes, tokens: tokens.length, steps: recipe.steps, tokensPerStep: recipe.batch * config.nPositions, seed,
    };
    let done = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    const r: Run = {
      startId: id, session, lab, recipe, info, samplePrompt: tokens.slice(0, SAMPLE_PROMPT_TOKENS),
      training: true, paused: false, stopRequested: false, wake: null, finished,
    };
    run = r;
    post({ type: 'started', id, info });
    // Not awaited: the loop runs on while pause, stop and the rest are answered.
    void trainLoop(r, post, done);
  }

  function needIdleRun(): Run {
    if (!run) throw new LabError('no-model', 'nothing has been trained yet: start the lab first');
    if (run.training) throw new LabError('busy', 'the model is still studying: stop it first');
    return run;
  }

  async function answer(msg: TrainingRequest, post: Post): Promise<void> {
    const { id } = msg;
    switch (msg.type) {
      case 'start':
        await start(msg, post);
        return;
      case 'pause':
        if (run) run.paused = true;
        post({ type: 'done', id });
        return;
      case 'resume':
        if (run) {
          run.paused = false;
          run.wake?.();
        }
        post({ type: 'done', id });
        return;
      case 'stop':
        if (run?.training) await stopRun(run);
        post({ type: 'done', id });
        return;
      case 'forget':
        if (!run) throw new LabError('no-model', 'nothing has been trained yet: start the lab first');
        if (run.training) await stopRun(run);
        run.session.dropText();
        run.samplePrompt = [];
        post({ type: 'held', id, held: held(), weightBytes: run.session.weightBytes });
        return;
      case 'held':
        post({ type: 'held', id, held: held(), weightBytes: run?.session.weightBytes ?? 0 });
        return;
      case 'exam': {
        const r = needIdleRun();
        const { tokenizer } = r.lab;
        const ids = tokenizer.encode(msg.prompt);
        if (ids.length === 0) throw new LabError('empty-prompt', 'the prompt is empty');
        const count = Math.max(1, Math.min(MAX_ANSWER_TOKENS, Math.floor(msg.maxTokens)));
        const continuation = r.session.generate(ids, count, Math.max(0, msg.temperature), createRng(msg.seed));
        // Decoding prompt and answer together keeps a character split across the boundary whole.
        const whole = tokenizer.decode([...ids, ...continuation]);
        const promptText = tokenizer.decode(ids);
        const text = whole.startsWith(promptText) ? whole.slice(promptText.length) : tokenizer.decode(continuation);
        post({ type: 'answer', id, prompt: msg.prompt, continuation: text, tokens: continuation.length });
        return;
      }
      case 'export': {
        const r = needIdleRun();
        const { info, session } = r;
        const file = session.safetensors({
          source: 'training lab (How a Base Model Works)',
          seed: String(info.seed),
          steps_trained: String(session.steps()),
          backend: info.backend,
          tokenizer: info.tokenizer === 'bpe' ? 'built-in tokenizer.json' : 'bytes (vocabulary 256)',
          config: JSON.stringify(toHfConfig(session.config)),
        });
        post({ type: 'weights', id, file, fileName: `training-lab-seed${info.seed}-step${session.steps()}.safetensors` }, [file.buffer as ArrayBuffer]);
        return;
      }
      case 'dispose':
        if (run) {
          if (run.training) await stopRun(run);
          run.session.dispose();
          run = null;
        }
        post({ type: 'done', id });
        return;
    }
  }

  /** Handles one request; failures become an `error` reply, never an unhandled rejection. */
  return async function handle(msg: TrainingRequest, post: Post): Promise<void> {
    try {
      await answer(msg, post);
    } catch (e) {
      const code = e instanceof LabError ? e.code : 'failed';
      post({ type: 'error', id: msg.id, code, message: e instanceof Error ? e.message : String(e) });
    }
  };
}
