/**
 * The engine contract as widgets see it. The data types (distribution, score, facts) are pure and
 * live in src/lib/engine/types.ts so that src/lib's own engines implement them; this module adds
 * the rules that involve workers and the page.
 *
 * Load rule (one for every engine; src/engine/rpc.ts `createLoadGate` keeps it): `load()` is
 * safe to call twice and shares the load under way; a failed load is forgotten and the next call
 * retries; every other call waits for the load under way or done. Before any `load()`, an engine
 * whose files are small and same-origin (the built-in model, `'on-demand'`) loads for the call;
 * an engine that would start a multi-GB download (WebLLM, `'explicit'`) rejects with "Load the
 * model first", because that download starts only when the reader asks for it.
 *
 * Optional capabilities are methods an engine may have; widgets test for them with the guards
 * below instead of asking which engine it is.
 */
import type { Engine } from '../lib/engine/types.ts';

export type {
  Engine,
  EngineInfo,
  LoadProgress,
  NextTokenDistribution,
  TokenCandidate,
  TokenScore,
} from '../lib/engine/types.ts';

/** See the module comment. */
export type LoadRule = 'on-demand' | 'explicit';

/** An engine whose load can be stopped at once (the download ends; finished files stay cached). */
export interface CancellableLoad {
  cancelLoad(): void;
}

/** An engine that knows whether it is loaded without being asked to load. */
export interface KnowsLoaded {
  readonly loaded: boolean;
}

export function canCancelLoad(engine: Engine): engine is Engine & CancellableLoad {
  return typeof (engine as Partial<CancellableLoad>).cancelLoad === 'function';
}

export function knowsLoaded(engine: Engine): engine is Engine & KnowsLoaded {
  return typeof (engine as Partial<KnowsLoaded>).loaded === 'boolean';
}
