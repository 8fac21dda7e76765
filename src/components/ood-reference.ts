/**
 * Build time only: the out-of-distribution reference of a built-in model, read from its committed
 * eval.json (bits per byte on its corpus and on unseen text), so the warning's threshold is
 * measured, never written into a page. Null when the model has no eval.json with those figures.
 */
import { readJson } from './read-json.ts';
import { evalFileSchema } from '../lib/data/schemas.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL_ID } from '../lib/default-model.ts';
import { oodReference, type OodReference } from '../lib/sampling/out-of-distribution.ts';

/** The reference of `model` (the site's default when unset). */
export function readOodReference(model: string | undefined): OodReference | null {
  const file = join(process.cwd(), 'public', 'models', model ?? DEFAULT_MODEL_ID, 'eval.json');
  if (!existsSync(file)) return null;
  return oodReference(readJson(file, evalFileSchema));
}
