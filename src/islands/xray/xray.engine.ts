/**
 * The one place the X-ray reaches outside its folder for an engine: the page's shared built-in
 * engine (one worker and one copy of the weights per model for every widget on the page). When
 * the engine registry moves (src/engine/), only this line follows it.
 */
export { builtInEngine, DEFAULT_MODEL_ID } from '../playground/default-engine.ts';
