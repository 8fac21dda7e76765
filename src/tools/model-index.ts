/** public/models/index.json: every model folder, in a fixed order (docs/model-format.md). */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gpt2ParamCount } from '../lib/train/gpt2.ts';
import { fromHfConfig } from '../lib/train/hf-config.ts';

import { DEFAULT_MODEL_ID } from '../lib/default-model.ts';

/** Ids in the order widgets list them: the memorizers (small corpus), then the data-rich models (large corpus). */
export const MODEL_IDS = ['tiny-s', 'tiny-m', 'tiny-l', 'tiny-m-f16', 'tiny-m-int8', 'tiny-m-q4', 'rich-s', 'rich-m', 'rich-l', 'rich-s-q4', 'rich-m-q4', 'rich-l-q4'];
/** The default model's id (src/lib/default-model.ts). */
export const DEFAULT_MODEL = DEFAULT_MODEL_ID;

/** One row of index.json. */
export interface ModelIndexEntry { id: string; params: number; dtype: string; bytes: number; default?: true }

/** The rows for the model folders that exist under `root`. */
export function modelIndex(root = 'public/models'): ModelIndexEntry[] {
  return MODEL_IDS.filter((id) => existsSync(`${root}/${id}/model.safetensors`)).map((id) => {
    const json = JSON.parse(readFileSync(`${root}/${id}/config.json`, 'utf8')) as Record<string, unknown>;
    const dtype = typeof json.quantization === 'string' ? json.quantization : json.torch_dtype === 'float16' ? 'F16' : 'F32';
    const entry: ModelIndexEntry = { id, params: gpt2ParamCount(fromHfConfig(json)), dtype, bytes: statSync(`${root}/${id}/model.safetensors`).size };
    if (id === DEFAULT_MODEL) entry.default = true;
    return entry;
  });
}

/** Writes index.json for the folders present; returns its rows. */
export function writeModelIndex(root = 'public/models'): ModelIndexEntry[] {
  const rows = modelIndex(root);
  writeFileSync(`${root}/index.json`, `${JSON.stringify(rows, null, 1)}\n`);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(writeModelIndex());
