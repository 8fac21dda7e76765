import { describe, expect, test } from 'vitest';
import { parseGptConfig } from '../../../../src/lib/tinylm/config.ts';
import { createGptRunner } from '../../../../src/lib/tinylm/model.ts';
import { loadGptWeights } from '../../../../src/lib/tinylm/weights.ts';
import { encodeModel, fixtureConfig, randomTensors, SMALL, writeSafetensors, type FixturePrecision } from '../../../fixtures/tiny-gpt.ts';

const config = parseGptConfig(fixtureConfig(SMALL));
const tensors = randomTensors(SMALL, 21);
const ids = [72, 101, 108, 108, 111, 33, 256, 12];

describe('loadGptWeights', () => {
  test.each<FixturePrecision>(['F16', 'int8-g32', 'q4-g32'])('reads %s as exactly the values the file encodes', (precision) => {
    const { file, logical } = encodeModel(tensors, precision);
    const { weights, precision: read } = loadGptWeights(file, config);
    expect(read).toBe(precision);
    const byName = new Map(logical.map((t) => [t.name, t.data]));
    // Compared as numbers (−0 and 0 are the same weight).
    const same = (a: Float32Array, b: Float32Array | undefined) => a.length === b?.length && a.every((v, i) => v === b[i]);
    expect(same(weights.wte, byName.get('wte.weight'))).toBe(true);
    expect(same(weights.layers[1]!.fcWeight, byName.get('h.1.mlp.c_fc.weight'))).toBe(true);
    expect(same(weights.layers[0]!.ln1Bias, byName.get('h.0.ln_1.bias'))).toBe(true);
  });

  test.each<FixturePrecision>(['F16', 'int8-g32', 'q4-g32'])('a %s model gives the logits of its dequantized F32 twin', (precision) => {
    const { file, logical } = encodeModel(tensors, precision);
    const quantized = createGptRunner(loadGptWeights(file, config).weights, config).nextLogits(ids).slice();
    const twin = createGptRunner(loadGptWeights(encodeModel(logical, 'F32').file, config).weights, config).nextLogits(ids);
    for (let i = 0; i < twin.length; i++) expect(Math.abs(quantized[i]! - twin[i]!)).toBeLessThan(1e-5);
  });

  test('lower precision moves the logits, and 4-bit more than 8-bit (the JPEG slider)', () => {
    const logitsOf = (p: FixturePrecision) => createGptRunner(loadGptWeights(encodeModel(tensors, p).file, config).weights, config).nextLogits(ids).slice();
    const f32 = logitsOf('F32');
    const err = (p: FixturePrecision) => Math.max(...logitsOf(p).map((v, i) => Math.abs(v - f32[i]!)));
    expect(err('int8-g32')).toBeGreaterThan(0);
    expect(err('q4-g32')).toBeGreaterThan(err('int8-g32'));
  });

  test('names the tensor when one is missing or has the wrong shape', () => {
    const missing = writeSafetensors([]);
    expect(() => loadGptWeights(missing, config)).toThrow(/missing tensor h\.0\.ln_1\.weight/);
    const wrong = encodeModel(tensors.map((t) => (t.name === 'wpe.weight' ? { ...t, shape: [8, 64] } : t)), 'F32').file;
    expect(() => loadGptWeights(wrong, config)).toThrow(/wpe\.weight has shape \[8,64\], expected \[16,32\]/);
  });
});

describe('broken weights are refused at load (#17 point 7)', () => {
  for (const [label, value] of [['NaN', Number.NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]] as const) {
    // (The fixture's own f16 encoder turns NaN into Infinity, so F16 is tried with the infinities.)
    for (const precision of Number.isNaN(value) ? (['F32'] as const) : (['F32', 'F16'] as const)) {
      test(`a ${label} in ${precision} weights names the tensor and the position`, () => {
        const tensors = randomTensors(SMALL, 4);
        const fc = tensors.find((t) => t.name === 'h.1.mlp.c_fc.weight')!;
        fc.data[3 * fc.shape[1]! + 5] = value;
        const { file } = encodeModel(tensors, precision);
        expect(() => loadGptWeights(file, parseGptConfig(fixtureConfig(SMALL)))).toThrow(
          `safetensors: h.1.mlp.c_fc.weight holds ${String(value)} at row 3, column 5: the weights are broken`,
        );
      });
    }
  }
});
