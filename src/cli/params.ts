/**
 * `params CONFIG.json [--json]`: parameter count of a Hugging Face config.json, as
 * `{"total","embedding","active"}` (design.md); `active` is null unless mixture-of-experts.
 * The output is always JSON; `--json` is accepted because the issue writes it.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError, readModelShape } from '../lib/calc/hf-config.ts';
import { countParameters } from '../lib/calc/param-count.ts';
import { UsageError } from './_usage.ts';

/** Counts the parameters of the config.json named in `args`. */
export async function run(args: string[]): Promise<{ total: number; embedding: number; active: number | null }> {
  const files = args.filter((a) => a !== '--json');
  const unknown = files.find((a) => a.startsWith('--'));
  if (unknown) throw new UsageError(`params: unknown option ${unknown}`);
  if (files.length !== 1) throw new UsageError('usage: params CONFIG.json [--json]');
  const path = files[0]!;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
    throw new UsageError(`params: cannot read ${path}${code ? ` (${code})` : ''}`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    throw new UsageError(`params: ${path} is not valid JSON`);
  }
  try {
    const b = countParameters(readModelShape(config));
    return { total: b.total, embedding: b.embedding, active: b.active };
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`params: ${e.message}`);
    throw e;
  }
}
