/**
 * `params CONFIG.json [--json]`: parameter count of a Hugging Face config.json, as
 * `{"total","embedding","active"}` (design.md); `active` is null unless mixture-of-experts.
 * The output is always JSON; `--json` is accepted because the issue writes it.
 */
import { ConfigError, readModelShape } from '../lib/calc/hf-config.ts';
import { countParametersExact } from '../lib/calc/param-count.ts';
import { readRegularFile } from './_files.ts';
import { UsageError } from './_usage.ts';

/** A config.json is a few kilobytes; anything above 16 MB is not one. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/**
 * Counts the parameters of the config.json named in `args`, exactly: BigInt, printed as JSON
 * integers however large (a double stops counting exactly above 2^53).
 */
export async function run(args: string[]): Promise<{ total: bigint; embedding: bigint; active: bigint | null }> {
  const files = args.filter((a) => a !== '--json');
  const unknown = files.find((a) => a.startsWith('--'));
  if (unknown) throw new UsageError(`params: unknown option ${unknown}`);
  if (files.length !== 1) throw new UsageError('usage: params CONFIG.json [--json]');
  const path = files[0]!;
  let text: string;
  try {
    text = new TextDecoder().decode(await readRegularFile(path, MAX_CONFIG_BYTES));
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`params: ${e.message}`);
    throw e;
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    throw new UsageError(`params: ${path} is not valid JSON`);
  }
  try {
    const b = countParametersExact(readModelShape(config));
    return { total: b.total, embedding: b.embedding, active: b.active };
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`params: ${e.message}`);
    throw e;
  }
}
