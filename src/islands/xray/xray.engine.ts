/**
 * The one place the X-ray reaches outside its folder for an engine: the page's shared built-in
 * engine (one worker and one copy of the weights per model for every widget on the page).
 */
export { builtInEngine, DEFAULT_MODEL_ID } from '../../engine/page.ts';
