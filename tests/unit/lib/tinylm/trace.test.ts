import { describe, expect, test } from 'vitest';
import { parseGptConfig } from '../../../../src/lib/tinylm/config.ts';
import { createLocalTinyLm } from '../../../../src/lib/tinylm/engine.ts';
import { createGptRunner, placeWeights, weightFloats } from '../../../../src/lib/tinylm/model.ts';
import { attentionAt, attentionRow, createTracer, tracerFloats, type RawTrace } from '../../../../src/lib/tinylm/trace.ts';
import { createKernels } from '../../../../src/lib/tinylm/wasm-kernels.ts';
import { loadGptWeights } from '../../../../src/lib/tinylm/weights.ts';
import { referenceTrace } from '../../../fixtures/reference-gpt2.ts';
import { encodeModel, fixtureConfig, fixtureFiles, memorySource, mulberry32, randomTensors, SMALL } from '../../../fixtures/tiny-gpt.ts';

const config = parseGptConfig(fixtureConfig(SMALL));
const tensors = randomTensors(SMALL, 7);
const { weights } = loadGptWeights(encodeModel(tensors, 'F32').file, config);
const V = config.vocabSize;
const T = SMALL.contextLength;

function randomIds(n: number, seed: number): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => Math.floor(rng() * V));
}

/** Both kernel sets: the scalar reference and the WebAssembly SIMD ones the browser runs. */
function tracers() {
  const kernels = createKernels(weightFloats(weights) + tracerFloats(config));
  expect(kernels.name).toBe('wasm-simd');
  return [
    { name: 'js', tracer: createTracer(weights, config) },
    { name: 'wasm-simd', tracer: createTracer(placeWeights(weights, kernels.alloc), config, kernels) },
  ];
}

describe('createTracer', () => {
  const ids = randomIds(T, 5);
  const ref = referenceTrace(tensors, config, ids);

  for (const { name, tracer } of tracers()) {
    describe(`with ${name} kernels`, () => {
      const trace: RawTrace = tracer.trace(ids, { top: 4 });

      test('every attention row sums to 1 and gives nothing to later tokens (causal)', () => {
        for (let l = 0; l < config.nLayer; l++) {
          for (let h = 0; h < config.nHead; h++) {
            for (let q = 0; q < T; q++) {
              const row = attentionRow(trace, l, h, q);
              let sum = 0;
              for (let k = 0; k <= q; k++) {
                expect(row[k]!).toBeGreaterThan(0);
                sum += row[k]!;
              }
              expect(sum).toBeCloseTo(1, 6);
              for (let k = q + 1; k < T; k++) expect(row[k]).toBe(0);
            }
          }
        }
      });

      test('attention agrees with the independent float64 GPT-2 to 1e-5', () => {
        let worst = 0;
        for (let l = 0; l < config.nLayer; l++) {
          for (let h = 0; h < config.nHead; h++) {
            for (let q = 0; q < T; q++) {
              for (let k = 0; k < T; k++) worst = Math.max(worst, Math.abs(attentionAt(trace, l, h, q, k) - ref.attention[l]![h]![q]![k]!));
            }
          }
        }
        expect(worst).toBeLessThan(1e-5);
        // Not uniform: a head that spread its weight evenly would agree with anything.
        expect(Math.max(...attentionRow(trace, 1, 0, T - 1))).toBeGreaterThan(2 / T);
      });

      test('the logit lens at every layer and position agrees with the reference to 1e-5', () => {
        expect(trace.lens).toHaveLength(config.nLayer + 1);
        for (let L = 0; L <= config.nLayer; L++) {
          expect(trace.lens[L]).toHaveLength(T);
          for (let t = 0; t < T; t++) {
            const row = ref.lens[L]![t]!;
            const refTop = [...row.keys()].sort((a, b) => row[b]! - row[a]!).slice(0, 4);
            const got = trace.lens[L]![t]!;
            expect(got.map((c) => c.id)).toEqual(refTop);
            for (const c of got) expect(Math.abs(c.prob - row[c.id]!)).toBeLessThan(1e-5);
          }
        }
      });

      test('the final answer\'s probability at every layer agrees with the reference, ending at the top candidate\'s', () => {
        for (let t = 0; t < T; t++) {
          const answer = trace.lens[config.nLayer]![t]![0]!;
          expect(Math.abs(trace.answerProbs[config.nLayer * T + t]! - answer.prob)).toBeLessThan(1e-6);
          for (let L = 0; L <= config.nLayer; L++) {
            expect(Math.abs(trace.answerProbs[L * T + t]! - ref.lens[L]![t]![answer.id]!)).toBeLessThan(1e-5);
          }
        }
      });

      test('residual norms agree with the reference, and the contributions are non-zero', () => {
        for (let L = 0; L <= config.nLayer; L++) {
          for (let t = 0; t < T; t++) {
            const want = ref.residualNorms[L]![t]!;
            expect(Math.abs(trace.residualNorms[L * T + t]! - want) / want).toBeLessThan(1e-5);
          }
        }
        expect(Math.min(...trace.attnNorms)).toBeGreaterThan(0);
        expect(Math.min(...trace.mlpNorms)).toBeGreaterThan(0);
      });

      test('the embedding strips are the rows of wte and wpe', () => {
        const d = config.dModel;
        expect([...trace.tokenEmbeddings.subarray(3 * d, 4 * d)]).toEqual([...weights.wte.subarray(ids[3]! * d, ids[3]! * d + d)]);
        expect([...trace.positionEmbeddings.subarray(3 * d, 4 * d)]).toEqual([...weights.wpe.subarray(3 * d, 4 * d)]);
      });
    });
  }

  test('the last lens layer and the final logits are the runner\'s own next-token prediction', () => {
    const { tracer } = tracers()[1]!;
    const trace = tracer.trace(ids, { top: 6 });
    for (let t = 0; t < T; t++) {
      const logits = createGptRunner(weights, config).nextLogits(ids.slice(0, t + 1));
      for (let v = 0; v < V; v++) expect(Math.abs(trace.finalLogits[t * V + v]! - logits[v]!)).toBeLessThan(1e-5);
    }
  });

  test('refuses an empty input, more tokens than the context, an unknown id and a bad top', () => {
    const tracer = createTracer(weights, config);
    expect(() => tracer.trace([])).toThrow(/at least one token/);
    expect(() => tracer.trace(randomIds(T + 1, 2))).toThrow(`at most ${T} tokens`);
    expect(() => tracer.trace([1, V])).toThrow(/outside the vocabulary/);
    expect(() => tracer.trace([1], { top: 0 })).toThrow(/top must be/);
  });
});

describe('the engine\'s trace', () => {
  test('its last lens layer equals nextTokenDistribution at every position, for F32 and q4', async () => {
    for (const precision of ['F32', 'q4-g32'] as const) {
      const engine = createLocalTinyLm('fx', memorySource(fixtureFiles(SMALL, precision, 2)));
      const ids = await engine.tokenize('the hat is on');
      const trace = await engine.trace(ids, { top: 3 });
      for (let t = 0; t < ids.length; t++) {
        const d = await engine.nextTokenDistribution(ids.slice(0, t + 1));
        const want = [0, 1, 2].map((i) => ({ id: d.ids[i]!, prob: Math.exp(d.logits[i]! - d.logSumExp) }));
        const got = trace.lens[trace.nLayer]![t]!;
        expect(got.map((c) => c.id)).toEqual(want.map((c) => c.id));
        for (let i = 0; i < 3; i++) expect(Math.abs(got[i]!.prob - want[i]!.prob)).toBeLessThan(1e-6);
      }
    }
  });

  test('tracing leaves the next-token cache alone', async () => {
    const files = fixtureFiles(SMALL, 'F32', 2);
    const engine = createLocalTinyLm('fx', memorySource(files));
    const fresh = createLocalTinyLm('fx', memorySource(files));
    const ids = await engine.tokenize('the cat');
    await engine.nextTokenDistribution(ids);
    await engine.trace(await engine.tokenize('on the mat, in the end'));
    const after = await engine.nextTokenDistribution([...ids, 5]);
    expect([...after.logits]).toEqual([...(await fresh.nextTokenDistribution([...ids, 5])).logits]);
  });

  test('names split-character byte tokens by their bytes, never U+FFFD', async () => {
    const engine = createLocalTinyLm('fx', memorySource(fixtureFiles(SMALL, 'F32', 2)));
    const ids = await engine.tokenize('法 the');
    const trace = await engine.trace(ids);
    expect(trace.tokens).toEqual(['⟨e6⟩', '⟨b3⟩', '⟨95⟩', ' t', 'he']);
    for (const layer of trace.lens) for (const row of layer) for (const c of row) expect(c.token).not.toContain('\uFFFD');
  });
});
