/**
 * GPT-2 weights as Float32Arrays, from a safetensors file in any precision of
 * docs/model-format.md. Shapes are checked against the config so a wrong file fails at load with
 * the tensor's name, not later as NaN logits.
 */
import type { GptConfig } from './config.ts';
import { dequantizeInt8, dequantizeQ4, f16FromBytes, f32FromBytes, GROUP } from './dequantize.ts';
import { openSafetensors, type SafetensorsFile } from '../safetensors/index.ts';

/** One transformer block's tensors; Conv1D weights are `[in, out]`. */
export interface LayerWeights {
  ln1Weight: Float32Array;
  ln1Bias: Float32Array;
  attnWeight: Float32Array;
  attnBias: Float32Array;
  attnProjWeight: Float32Array;
  attnProjBias: Float32Array;
  ln2Weight: Float32Array;
  ln2Bias: Float32Array;
  fcWeight: Float32Array;
  fcBias: Float32Array;
  fcProjWeight: Float32Array;
  fcProjBias: Float32Array;
}

/** Every tensor of a tied GPT-2, dequantized to f32. */
export interface GptWeights {
  wte: Float32Array;
  wpe: Float32Array;
  layers: LayerWeights[];
  lnFWeight: Float32Array;
  lnFBias: Float32Array;
}

/** How the file stored its weights: a safetensors dtype or a quantization scheme. */
export type StoredPrecision = 'F32' | 'F16' | 'int8-g32' | 'q4-g32';

/** Weights plus what the file said about itself. */
export interface LoadedWeights {
  weights: GptWeights;
  precision: StoredPrecision;
}

/** Parses a model.safetensors buffer into f32 weights shaped by `config`. */
export function loadGptWeights(file: Uint8Array, config: GptConfig): LoadedWeights {
  const tf = openSafetensors(file);
  const { vocabSize: V, contextLength: C, dModel: d } = config;
  const get = (name: string, shape: number[]) => checkFinite(name, shape, tensorAsF32(tf, name, shape));
  const layers: LayerWeights[] = [];
  for (let l = 0; l < config.nLayer; l++) {
    const p = `h.${l}.`;
    layers.push({
      ln1Weight: get(`${p}ln_1.weight`, [d]),
      ln1Bias: get(`${p}ln_1.bias`, [d]),
      attnWeight: get(`${p}attn.c_attn.weight`, [d, 3 * d]),
      attnBias: get(`${p}attn.c_attn.bias`, [3 * d]),
      attnProjWeight: get(`${p}attn.c_proj.weight`, [d, d]),
      attnProjBias: get(`${p}attn.c_proj.bias`, [d]),
      ln2Weight: get(`${p}ln_2.weight`, [d]),
      ln2Bias: get(`${p}ln_2.bias`, [d]),
      fcWeight: get(`${p}mlp.c_fc.weight`, [d, 4 * d]),
      fcBias: get(`${p}mlp.c_fc.bias`, [4 * d]),
      fcProjWeight: get(`${p}mlp.c_proj.weight`, [4 * d, d]),
      fcProjBias: get(`${p}mlp.c_proj.bias`, [d]),
    });
  }
  const weights: GptWeights = {
    wte: get('wte.weight', [V, d]),
    wpe: get('wpe.weight', [C, d]),
    layers,
    lnFWeight: get('ln_f.weight', [d]),
    lnFBias: get('ln_f.bias', [d]),
  };
  return { weights, precision: filePrecision(tf) };
}

/**
 * Refuses a tensor holding NaN or ±Infinity: such weights make every logit NaN, and the model
 * would then "predict" garbage (probability null, rank 1 for every token) instead of failing.
 */
function checkFinite(name: string, shape: number[], values: Float32Array): Float32Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) {
      const cols = shape[shape.length - 1]!;
      const where = shape.length === 1 ? `element ${i}` : `row ${Math.floor(i / cols)}, column ${i % cols}`;
      throw new Error(`safetensors: ${name} holds ${String(v)} at ${where}: the weights are broken (retrain or re-export the model)`);
    }
  }
  return values;
}

function filePrecision(tf: SafetensorsFile): StoredPrecision {
  const q = tf.metadata.quantization;
  if (q === 'int8-g32' || q === 'q4-g32') return q;
  if (q !== undefined) throw new Error(`safetensors: unknown quantization "${q}"`);
  return tf.info('wte.weight')?.dtype === 'F16' ? 'F16' : 'F32';
}

/** One tensor as f32 in its logical shape, whatever its stored dtype. */
export function tensorAsF32(tf: SafetensorsFile, name: string, shape: number[]): Float32Array {
  const t = tf.info(name);
  if (!t) throw new Error(`safetensors: missing tensor ${name}`);
  const bytes = tf.bytes(name);
  const scales = tf.info(`${name}.scales`);
  const logical = scales ? logicalShape(tf, name, t.shape) : t.shape;
  if (logical.join(',') !== shape.join(',')) {
    throw new Error(`safetensors: ${name} has shape [${logical.join(',')}], expected [${shape.join(',')}]`);
  }
  const cols = shape[shape.length - 1]!;
  const rows = shape.length === 1 ? 1 : shape[0]!;
  if (scales) {
    if (scales.dtype !== 'F16') throw new Error(`safetensors: ${name}.scales must be F16`);
    if (cols % GROUP !== 0) throw new Error(`safetensors: ${name} has ${cols} columns, not a multiple of ${GROUP}`);
    const s = f16FromBytes(tf.bytes(scales.name));
    if (s.length !== rows * (cols / GROUP)) throw new Error(`safetensors: ${name}.scales has the wrong size`);
    if (t.dtype === 'I8' && bytes.byteLength === rows * cols) return dequantizeInt8(bytes, s, rows, cols);
    if (t.dtype === 'U8' && bytes.byteLength === (rows * cols) / 2) return dequantizeQ4(bytes, s, rows, cols);
    throw new Error(`safetensors: ${name} is ${t.dtype} with ${bytes.byteLength} bytes, not a quantized [${shape.join(',')}]`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (t.dtype === 'F32' && bytes.byteLength === 4 * count) return f32FromBytes(bytes);
  if (t.dtype === 'F16' && bytes.byteLength === 2 * count) return f16FromBytes(bytes);
  throw new Error(`safetensors: ${name} has dtype ${t.dtype} and ${bytes.byteLength} bytes, which does not fit [${shape.join(',')}]`);
}

function logicalShape(tf: SafetensorsFile, name: string, stored: number[]): number[] {
  const meta = tf.metadata[`${name}.shape`];
  if (meta === undefined) return stored;
  const shape: unknown = JSON.parse(meta);
  if (!Array.isArray(shape) || !shape.every((n) => Number.isInteger(n))) {
    throw new Error(`safetensors: metadata ${name}.shape is not a JSON array of integers`);
  }
  return shape as number[];
}
