/**
 * `node src/tools/quantize.ts [model-id] [f16|int8|q4…]`, run after `npm run train -- --size m`:
 * writes tiny-m-f16, tiny-m-int8 and tiny-m-q4 beside tiny-m (or only the variants named), in
 * docs/model-format.md's layouts, then refreshes public/models/index.json.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { encodeFloats, openSafetensors, type TensorToWrite } from '../lib/safetensors/index.ts';
import { gpt2Shapes } from '../lib/train/gpt2.ts';
import { fromHfConfig } from '../lib/train/hf-config.ts';
import { writeModelFolder } from './train/export.ts';
import { quantizeInt8, quantizeQ4 } from './quantize/group-quant.ts';
import { writeModelIndex } from './model-index.ts';

/** The variants written for a model, by id suffix. */
export const VARIANTS = ['f16', 'int8', 'q4'] as const;

/** The tensors of one variant, from the F32 values. */
export function variantTensors(kind: (typeof VARIANTS)[number], shapes: [string, number[]][], values: (name: string) => Float32Array): { tensors: TensorToWrite[]; metadata: Record<string, string> } {
  const tensors: TensorToWrite[] = [];
  const metadata: Record<string, string> = {};
  for (const [name, shape] of shapes) {
    const w = values(name);
    if (kind === 'f16' || shape.length !== 2) {
      tensors.push(kind === 'f16' ? { name, dtype: 'F16', shape, data: encodeFloats('F16', w) } : { name, dtype: 'F32', shape, data: w });
      continue;
    }
    const [rows, cols] = shape as [number, number];
    const q = kind === 'int8' ? quantizeInt8(w, rows, cols) : quantizeQ4(w, rows, cols);
    tensors.push({ name, dtype: kind === 'int8' ? 'I8' : 'U8', shape: kind === 'int8' ? shape : [rows, cols / 2], data: q.values });
    tensors.push({ name: `${name}.scales`, dtype: 'F16', shape: [rows, cols / 32], data: q.scales });
    metadata[`${name}.shape`] = JSON.stringify(shape);
  }
  if (kind !== 'f16') metadata.quantization = kind === 'int8' ? 'int8-g32' : 'q4-g32';
  return { tensors, metadata };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const id = process.argv[2] ?? 'tiny-m';
  const dir = `public/models/${id}`;
  const config = fromHfConfig(JSON.parse(readFileSync(`${dir}/config.json`, 'utf8')) as Record<string, unknown>);
  // A plain Uint8Array copy: Node's Buffer.slice() shares memory, which the reader's F32 copy relies on not doing.
  const file = openSafetensors(new Uint8Array(readFileSync(`${dir}/model.safetensors`)));
  const steps = file.metadata?.steps_trained ?? '';
  const only = process.argv.slice(3);
  for (const kind of VARIANTS.filter((k) => only.length === 0 || only.includes(k))) {
    const out = `${dir}-${kind}`;
    const { tensors, metadata } = variantTensors(kind, gpt2Shapes(config), (name) => file.float32(name));
    const extra = kind === 'f16' ? { torch_dtype: 'float16' } : { quantization: metadata.quantization };
    const bytes = writeModelFolder(out, config, tensors, { ...metadata, steps_trained: steps, quantized_from: id }, 'public/models/tokenizer.json', extra);
    if (existsSync(`${dir}/train-log.json`)) copyFileSync(`${dir}/train-log.json`, `${out}/train-log.json`);
    console.log(`${out}: ${bytes} bytes`);
  }
  writeModelIndex();
}
