/**
 * The built-in model every widget uses unless a page asks for another (docs/model-format.md):
 * the smallest data-rich model that still does the seed's demos, 4-bit, under 250 KB to download.
 * public/models/index.json marks the same id `default` (src/tools/model-index.ts writes it; a unit
 * test keeps the two equal).
 */
export const DEFAULT_MODEL_ID = 'rich-m-q4';
