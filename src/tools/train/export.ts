/** Writes a model folder (docs/model-format.md): config.json, model.safetensors, tokenizer.json. */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { serializeSafetensors, type TensorToWrite } from '../../lib/safetensors/index.ts';
import { gpt2Shapes, type Gpt2Config } from '../../lib/train/gpt2.ts';
import { toHfConfig } from '../../lib/train/hf-config.ts';

/** The F32 tensors of a GPT-2, in Hugging Face order and names. */
export function f32Tensors(config: Gpt2Config, values: Record<string, Float32Array>): TensorToWrite[] {
  return gpt2Shapes(config).map(([name, shape]) => ({ name, dtype: 'F32', shape, data: values[name]! }));
}

/** Writes config.json, model.safetensors and a copy of the shared tokenizer.json into `dir`; returns the file's bytes. */
export function writeModelFolder(dir: string, config: Gpt2Config, tensors: TensorToWrite[], metadata: Record<string, string>, tokenizerPath: string, configExtra: Record<string, unknown> = {}): number {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/config.json`, `${JSON.stringify(toHfConfig(config, configExtra), null, 2)}\n`);
  const file = serializeSafetensors(tensors, { format: 'pt', ...metadata });
  writeFileSync(`${dir}/model.safetensors`, file);
  copyFileSync(tokenizerPath, `${dir}/tokenizer.json`);
  return file.byteLength;
}
