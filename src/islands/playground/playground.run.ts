/**
 * Generation: the seeded draw of one token, and the loop behind Run. Knows nothing of engines or
 * the tree: the loop is given how to step and how to tell that it may step again, so it can be
 * tested with a counter.
 */
import { signal } from '@preact/signals';
import type { ReshapedDistribution } from '../../lib/sampling/distribution.ts';
import { rngForStep } from '../../lib/sampling/rng.ts';
import { sampleIndex } from '../../lib/sampling/sample.ts';

/** How many tokens one press of Run adds at most. */
export const RUN_LENGTH = 40;

/** The token one sampled step takes, and the uniform number drawn for it. */
export interface Draw {
  token: number;
  u: number;
}

/**
 * Draws from the reshaped distribution with the seed. The draw depends on the seed and the
 * position only, so the same seed replays the same text.
 */
export function drawToken(r: ReshapedDistribution, seed: number, position: number): Draw {
  let u = 0;
  const rng = rngForStep(seed, position);
  const index = sampleIndex(r.probs, () => (u = rng()), r.kept);
  return { token: r.ids[index], u };
}

/** Why a Run ended on its own. */
export type RunEnd = 'length' | 'end-of-text';

/** What the loop needs from the playground. */
export interface RunLoopDeps {
  /** True while a step may be taken (a model is ready, nothing pending, below the depth limit). */
  canStep: () => boolean;
  /** Adds one sampled token. */
  step: () => Promise<void>;
  /** True when the token just added ends the text. */
  endedText: () => boolean;
  /** Waits between tokens; by default one macrotask, so Stop and the sliders stay responsive. */
  pause?: () => Promise<void>;
}

/** The Run button's state: running, and why the last run ended. */
export function createRunLoop(deps: RunLoopDeps) {
  const running = signal(false);
  /** Why the last Run ended on its own (null while running, or when the reader pressed Stop). */
  const runEnded = signal<RunEnd | null>(null);
  const pause = deps.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

  /** Samples until Stop, `maxTokens`, the end of the text or the moment no step is possible. */
  async function run(maxTokens = RUN_LENGTH) {
    if (running.value || !deps.canStep()) return;
    running.value = true;
    runEnded.value = null;
    try {
      for (let i = 0; running.value && deps.canStep(); i++) {
        if (i === maxTokens) {
          runEnded.value = 'length';
          break;
        }
        await deps.step();
        if (deps.endedText()) {
          runEnded.value = 'end-of-text';
          break;
        }
        await pause();
      }
    } finally {
      running.value = false;
    }
  }

  function stop() {
    running.value = false;
  }

  /** Forgets why the last run ended (a new model: the reason was about the old text). */
  function reset() {
    stop();
    runEnded.value = null;
  }

  return { running, runEnded, run, stop, reset };
}

/** The run loop's state object. */
export type RunLoop = ReturnType<typeof createRunLoop>;
