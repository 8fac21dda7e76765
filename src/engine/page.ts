/**
 * The page-wide engine registry: what every island on one page shares.
 *
 * - The built-in model's engine, one per model id: the playground and the surprisal view on the
 *   same page share one worker and one copy of the weights. The client module (and with it the
 *   worker) is imported on first use, not when the island hydrates.
 * - The real model the reader loaded (`activeRealModel`, set by the WebLLM panel), which other
 *   widgets may offer instead of the built-in one.
 */
import type { Engine } from './types.ts';

export { activeRealModel, type ActiveRealModel } from './real-model.ts';

import { DEFAULT_MODEL_ID } from '../lib/default-model.ts';

/** The model every widget uses unless told otherwise (src/lib/default-model.ts). */
export { DEFAULT_MODEL_ID };

const engines = new Map<string, Promise<Engine>>();

/** The shared built-in engine for `modelId`, created on first call. */
export function builtInEngine(modelId: string = DEFAULT_MODEL_ID): Promise<Engine> {
  let engine = engines.get(modelId);
  if (!engine) {
    engine = import('../workers/tinylm-client.ts').then(({ createTinyLmEngine, modelsBaseUrl }) =>
      createTinyLmEngine(modelId, modelsBaseUrl()),
    );
    // A failed import (offline, moved file) must not poison later attempts.
    engine.catch(() => engines.delete(modelId));
    engines.set(modelId, engine);
  }
  return engine;
}
