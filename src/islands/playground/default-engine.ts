/**
 * The built-in model's engine, one per model id for the whole page: the playground and the
 * surprisal view on the same page share one worker and one copy of the weights. The client
 * module (and with it the worker) is imported on first use, not when the island hydrates.
 */
import type { Engine } from '../../lib/engine/types.ts';

import { DEFAULT_MODEL_ID } from '../../lib/default-model.ts';

/** The model every widget uses unless told otherwise (src/lib/default-model.ts). */
export { DEFAULT_MODEL_ID };

const engines = new Map<string, Promise<Engine>>();

/** The shared built-in engine for `modelId`, created on first call. */
export function builtInEngine(modelId: string = DEFAULT_MODEL_ID): Promise<Engine> {
  let engine = engines.get(modelId);
  if (!engine) {
    engine = import('../../workers/tinylm-client.ts').then(({ createTinyLmEngine, modelsBaseUrl }) =>
      createTinyLmEngine(modelId, modelsBaseUrl()),
    );
    // A failed import (offline, moved file) must not poison later attempts.
    engine.catch(() => engines.delete(modelId));
    engines.set(modelId, engine);
  }
  return engine;
}
