/** `cli models`: the built-in models, as `[{id, dir, params, dtype, bytes}]` (design.md). */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './_usage.ts';
import { modelDirRelative, modelsDir, readModelIndex } from './_tinylm.ts';

/** Lists public/models/index.json, with `bytes` measured from each model.safetensors on disk. */
export async function run(args: string[]): Promise<unknown> {
  if (args.length > 0) throw new UsageError('usage: cli models (no arguments)');
  const index = await readModelIndex();
  return Promise.all(
    index.map(async (m) => {
      const file = join(modelsDir(), m.id, 'model.safetensors');
      const bytes = await stat(file).then((s) => s.size, () => {
        throw new UsageError(`model ${m.id} is listed but ${modelDirRelative(m.id)}/model.safetensors is missing`);
      });
      return { id: m.id, dir: modelDirRelative(m.id), params: m.params, dtype: m.dtype, bytes };
    }),
  );
}
