/**
 * Forward-pass agreement with the training library: the trainer's TensorFlow.js `gpt2Logits`
 * and our engine must give the same logits to 1e-4, on a random fixture model and on every
 * committed model in public/models (each checked when present). For the F16/int8/q4 variants
 * the tfjs model gets the weights as the trainer's own dequantizer reads them, so the engine's
 * reading of each stored precision is checked against an independent implementation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseGptConfig, type GptConfig } from '../../../../src/lib/tinylm/config.ts';
import { createGptRunner, placeWeights, runnerFloats, weightFloats } from '../../../../src/lib/tinylm/model.ts';
import { createKernels } from '../../../../src/lib/tinylm/wasm-kernels.ts';
import { loadGptWeights, type GptWeights } from '../../../../src/lib/tinylm/weights.ts';
import { disposeGpt2, gpt2FromValues, gpt2Logits } from '../../../../src/lib/train/gpt2.ts';
import { openSafetensors, type SafetensorsFile } from '../../../../src/lib/safetensors/index.ts';
import { dequantize } from '../../../../src/tools/quantize/group-quant.ts';
import { encodeModel, fixtureConfig, mulberry32, randomTensors, SMALL } from '../../../fixtures/tiny-gpt.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Max |engine − tfjs| over all positions of `ids`, stepping through the runner's KV cache. */
function maxDiff(fileBytes: Uint8Array, config: GptConfig, weights: GptWeights, ids: number[]): number {
  const values = trainerValues(openSafetensors(fileBytes));
  const model = gpt2FromValues(
    { vocabSize: config.vocabSize, nPositions: config.contextLength, nEmbd: config.dModel, nLayer: config.nLayer, nHead: config.nHead },
    values,
  );
  const logits = gpt2Logits(model, [ids]);
  const ref = logits.dataSync();
  logits.dispose();
  disposeGpt2(model);
  // The path the engine ships: weights in WebAssembly memory, SIMD kernels.
  const kernels = createKernels(weightFloats(weights) + runnerFloats(config));
  const runner = createGptRunner(placeWeights(weights, kernels.alloc), config, { kernels });
  let max = 0;
  for (let t = 1; t <= ids.length; t++) {
    const got = runner.nextLogits(ids.slice(0, t));
    for (let v = 0; v < config.vocabSize; v++) max = Math.max(max, Math.abs(got[v]! - ref[(t - 1) * config.vocabSize + v]!));
  }
  return max;
}

/** Every logical tensor as f32, read with the safetensors library and the trainer's dequantizer. */
function trainerValues(file: SafetensorsFile): Record<string, Float32Array> {
  const values: Record<string, Float32Array> = {};
  const kind = file.metadata.quantization === 'int8-g32' ? 'int8' : 'q4';
  for (const t of file.tensors) {
    if (t.name.endsWith('.scales')) continue;
    if (!file.info(`${t.name}.scales`)) {
      values[t.name] = file.float32(t.name);
      continue;
    }
    const [rows, cols] = JSON.parse(file.metadata[`${t.name}.shape`]!) as [number, number];
    const raw = file.bytes(t.name).slice();
    const scales = new Uint16Array(file.bytes(`${t.name}.scales`).slice().buffer);
    values[t.name] = dequantize(kind, { values: kind === 'int8' ? new Int8Array(raw.buffer) : raw, scales }, rows, cols);
  }
  return values;
}

describe('engine vs the trainer\'s tfjs forward pass', () => {
  test('agree to 1e-4 on a random fixture model', () => {
    const config = parseGptConfig(fixtureConfig(SMALL));
    const { file } = encodeModel(randomTensors(SMALL, 13), 'F32');
    const rng = mulberry32(5);
    const ids = Array.from({ length: SMALL.contextLength }, () => Math.floor(rng() * config.vocabSize));
    expect(maxDiff(file, config, loadGptWeights(file, config).weights, ids)).toBeLessThan(1e-4);
  });

  const modelsDir = join(import.meta.dirname, '../../../../public/models');
  test('agree to 1e-4 on a random 4-bit fixture model', () => {
    const config = parseGptConfig(fixtureConfig(SMALL));
    const { file } = encodeModel(randomTensors(SMALL, 14), 'q4-g32');
    const ids = Array.from({ length: SMALL.contextLength }, (_, i) => (i * 37) % config.vocabSize);
    expect(maxDiff(file, config, loadGptWeights(file, config).weights, ids)).toBeLessThan(1e-4);
  });

  for (const id of ['tiny-s', 'tiny-m', 'tiny-l', 'tiny-m-f16', 'tiny-m-int8', 'tiny-m-q4']) {
    const dir = join(modelsDir, id);
    test.skipIf(!existsSync(join(dir, 'model.safetensors')))(`agree to 1e-4 on the committed ${id}`, () => {
      const config = parseGptConfig(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')));
      const bytes = new Uint8Array(readFileSync(join(dir, 'model.safetensors')));
      const rng = mulberry32(id.length);
      const ids = Array.from({ length: Math.min(48, config.contextLength) }, () => Math.floor(rng() * config.vocabSize));
      expect(maxDiff(bytes, config, loadGptWeights(bytes, config).weights, ids)).toBeLessThan(1e-4);
    }, 120_000);
  }
});
