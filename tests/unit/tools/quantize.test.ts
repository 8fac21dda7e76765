import { describe, expect, test } from 'vitest';
import { openSafetensors, serializeSafetensors } from '../../../src/lib/safetensors/index.ts';
import { gpt2Shapes, initialValues, type Gpt2Config } from '../../../src/lib/train/gpt2.ts';
import { loadGptWeights } from '../../../src/lib/tinylm/weights.ts';
import { parseGptConfig } from '../../../src/lib/tinylm/config.ts';
import { toHfConfig } from '../../../src/lib/train/hf-config.ts';
import { variantTensors } from '../../../src/tools/quantize.ts';

const config: Gpt2Config = { vocabSize: 96, nPositions: 32, nEmbd: 32, nLayer: 1, nHead: 2 };
const values = initialValues(config, 3);
const shapes = gpt2Shapes(config);

function maxError(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);
}

describe('variantTensors', () => {
  test.each([
    ['f16', 1e-4],
    ['int8', 0.02 * 4 / 127],
    ['q4', 0.02 * 4 / 7],
  ] as const)('%s: the engine reads back weights within the format\'s rounding error', (kind, bound) => {
    const { tensors, metadata } = variantTensors(kind, shapes, (n) => values[n]!);
    const file = serializeSafetensors(tensors, metadata);
    const { weights, precision } = loadGptWeights(file, parseGptConfig(toHfConfig(config)));
    expect(precision).toBe(kind === 'f16' ? 'F16' : kind === 'int8' ? 'int8-g32' : 'q4-g32');
    expect(maxError(weights.wte, values['wte.weight']!)).toBeLessThan(bound);
    expect(maxError(weights.layers[0]!.fcWeight, values['h.0.mlp.c_fc.weight']!)).toBeLessThan(bound);
    expect(weights.layers[0]!.ln1Weight).toEqual(values['h.0.ln_1.weight']);
  });

  test('q4 stores [rows, cols/2] bytes, F16 scales per 32 values and the logical shape in metadata', () => {
    const { tensors, metadata } = variantTensors('q4', shapes, (n) => values[n]!);
    const header = openSafetensors(serializeSafetensors(tensors, metadata));
    expect(header.info('wte.weight')).toMatchObject({ dtype: 'U8', shape: [96, 16] });
    expect(header.info('wte.weight.scales')).toMatchObject({ dtype: 'F16', shape: [96, 1] });
    expect(header.info('h.0.ln_1.bias')).toMatchObject({ dtype: 'F32', shape: [32] });
    expect(header.metadata['wte.weight.shape']).toBe('[96,32]');
    expect(header.metadata.quantization).toBe('q4-g32');
  });
});
