/**
 * `npm run export-models`: writes every built-in model (public/models/index.json) as GGUF, for
 * llama.cpp and wllama, and as ONNX, for ONNX Runtime, next to its safetensors file:
 * public/models/<id>/model.gguf and model.onnx (git ignores them). The production build writes
 * the same files into dist/models/<id>/ itself (astro-integration.ts), where the model card
 * offers them for download.
 * `npm run export-models -- tiny-m` writes one model. Files are written atomically.
 *
 * Both hold the f32 numbers our engine computes with (a quantized model is dequantized), except
 * that a model stored in F16 is written to GGUF in F16 too. TINYLM_MODELS_DIR reads another folder.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelsDir, readModelIndex } from '../cli/_tinylm.ts';
import { parseGptConfig } from '../lib/tinylm/config.ts';
import { loadGptWeights } from '../lib/tinylm/weights.ts';
import { ggufTokenizerFromJson, writeGguf } from './export/gguf.ts';
import { writeOnnx } from './export/onnx.ts';
import { runTool } from './run-tool.ts';

function writeAtomically(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

/**
 * Writes model.gguf and model.onnx for the model in folder `dir` into `outDir` (default: the same
 * folder); returns their sizes in bytes.
 */
export function exportModel(id: string, dir = join(modelsDir(), id), outDir = dir): { gguf: number; onnx: number } {
  const configJson: unknown = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  const config = parseGptConfig(configJson);
  const raw = configJson as { bos_token_id?: number; eos_token_id?: number };
  const { weights, precision } = loadGptWeights(readFileSync(join(dir, 'model.safetensors')), config);
  const tokenizer = ggufTokenizerFromJson(
    JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')),
    raw.bos_token_id ?? config.vocabSize - 1,
    raw.eos_token_id ?? config.vocabSize - 1,
  );
  const gguf = writeGguf({ name: id, config, weights, tokenizer, type: precision === 'F16' ? 'F16' : 'F32' });
  const onnx = writeOnnx({ name: id, config, weights });
  mkdirSync(outDir, { recursive: true });
  writeAtomically(join(outDir, 'model.gguf'), gguf);
  writeAtomically(join(outDir, 'model.onnx'), onnx);
  return { gguf: gguf.byteLength, onnx: onnx.byteLength };
}

async function main(args: string[]): Promise<void> {
  const index = await readModelIndex();
  const ids = args.length ? args : index.map((m) => m.id);
  for (const id of ids) {
    if (!index.some((m) => m.id === id)) throw new Error(`unknown model "${id}"; known: ${index.map((m) => m.id).join(', ')}`);
    const sizes = exportModel(id);
    process.stdout.write(`${id}: model.gguf ${sizes.gguf.toLocaleString('en-US')} bytes, model.onnx ${sizes.onnx.toLocaleString('en-US')} bytes\n`);
  }
}

runTool(import.meta.url, main);
