/**
 * Build time only: reads a JSON file of the repository through its schema (src/lib/data/schemas.ts),
 * so a file that drifts from what a component expects fails the build with the file's path and
 * the field, not with `undefined` in a rendered page.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { parseWith, type Schema } from '../lib/data/schemas.ts';

/** `path`: absolute, or relative to the repository root. */
export function readJson<T>(path: string, schema: Schema<T>): T {
  const full = isAbsolute(path) ? path : join(process.cwd(), path);
  const shown = relative(process.cwd(), full);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(full, 'utf8'));
  } catch (e) {
    throw new Error(`${shown}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseWith(schema, value, shown);
}
