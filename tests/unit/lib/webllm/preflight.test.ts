import { describe, expect, test } from 'vitest';
import { BASE_MODELS, modelByKey } from '../../../../src/lib/webllm/models.ts';
import { preflight, preflightModel, recommend, type GpuFacts, type HostFacts } from '../../../../src/lib/webllm/preflight.ts';

const GiB = 2 ** 30;
const desktop: GpuFacts = {
  available: true,
  adapterName: 'nvidia ampere',
  software: false,
  hasShaderF16: true,
  maxBufferSize: 4 * GiB,
  maxStorageBufferBindingSize: 2 * GiB,
};
const roomy: HostFacts = { storage: { quota: 100e9, usage: 1e9 }, deviceMemoryGB: 8, cached: {} };

describe('preflight', () => {
  test('without WebGPU every model fails and nothing is recommended', () => {
    const results = preflight(BASE_MODELS, { available: false, reason: 'no-api' }, roomy);
    expect(results.every((r) => r.verdict === 'fail')).toBe(true);
    expect(results.every((r) => r.checks.find((c) => c.id === 'webgpu')?.status === 'fail')).toBe(true);
    expect(recommend(results)).toBeNull();
  });

  test('picks the fp16 build with shader-f16 and the fp32 build without', () => {
    const phi = modelByKey('phi-1_5');
    expect(preflightModel(phi, desktop, roomy).variant.quantization).toBe('q4f16_1');
    expect(preflightModel(phi, { ...desktop, hasShaderF16: false }, roomy).variant.quantization).toBe('q4f32_1');
  });

  test('recommends the largest base model that passes every check', () => {
    expect(recommend(preflight(BASE_MODELS, desktop, roomy))?.model.key).toBe('ministral-3-3b-base');
  });

  test('with 4 GB of RAM the 3B models only warn and phi-1.5 is recommended', () => {
    const results = preflight(BASE_MODELS, desktop, { ...roomy, deviceMemoryGB: 4 });
    expect(results.find((r) => r.model.key === 'phi-2')?.verdict).toBe('warn');
    expect(recommend(results)?.model.key).toBe('phi-1_5');
  });

  test('storage: says how much is needed and how much is free, and fails when it does not fit', () => {
    const tight: HostFacts = { ...roomy, storage: { quota: 1.5e9, usage: 0.8e9 } };
    const r = preflightModel(modelByKey('phi-2'), desktop, tight);
    const storage = r.checks.find((c) => c.id === 'storage');
    expect(storage).toMatchObject({ status: 'fail', have: 0.7e9 });
    expect(storage?.need).toBe(r.downloadBytes);
    expect(r.verdict).toBe('fail');
  });

  test('a completely cached model needs no download, so a full disk does not stop it', () => {
    const phi = modelByKey('phi-1_5');
    const full: HostFacts = {
      ...roomy,
      storage: { quota: 10e9, usage: 10e9 },
      cached: { [phi.variants.q4f16_1.modelId]: { bytes: 0.82e9, complete: true, weightBytes: 0.8e9 } },
    };
    const r = preflightModel(phi, desktop, full);
    expect(r.cached).toBe(true);
    expect(r.toDownloadBytes).toBe(0);
    expect(r.checks.find((c) => c.id === 'storage')?.status).toBe('ok');
  });

  test('a partly cached model needs only the rest, sized from its cached manifest', () => {
    const phi = modelByKey('phi-1_5');
    const partial: HostFacts = {
      ...roomy,
      cached: { [phi.variants.q4f16_1.modelId]: { bytes: 0.3e9, complete: false, weightBytes: 0.85e9 } },
    };
    const r = preflightModel(phi, desktop, partial);
    expect(r).toMatchObject({ cached: false, exactSize: true, downloadBytes: 0.85e9, toDownloadBytes: 0.55e9 });
    expect(preflightModel(phi, desktop, roomy).exactSize).toBe(false);
  });

  test('a 128 MiB binding limit warns for phi-2 (not a low-resource build) but not for phi-1.5', () => {
    const phone: GpuFacts = { ...desktop, maxStorageBufferBindingSize: 128 * 2 ** 20 };
    expect(preflightModel(modelByKey('phi-2'), phone, roomy).checks.find((c) => c.id === 'buffer')?.status).toBe('warn');
    expect(preflightModel(modelByKey('phi-1_5'), phone, roomy).checks.find((c) => c.id === 'buffer')?.status).toBe('ok');
  });

  test('on a software renderer (SwiftShader) every model warns and the smallest is recommended', () => {
    const swiftshader: GpuFacts = { ...desktop, adapterName: 'google swiftshader', software: true, hasShaderF16: false };
    const results = preflight(BASE_MODELS, swiftshader, roomy);
    expect(results.every((r) => r.checks.some((c) => c.id === 'software' && c.status === 'warn'))).toBe(true);
    expect(recommend(results)?.model.key).toBe('phi-1_5');
  });

  test('unknown storage and memory are not guessed', () => {
    const r = preflightModel(modelByKey('phi-1_5'), desktop, { storage: null, deviceMemoryGB: null, cached: {} });
    expect(r.checks.map((c) => c.id)).toEqual(['webgpu', 'buffer']);
    expect(r.verdict).toBe('ok');
  });

  test('base vs instruct: both load at once, so memory and storage count both models', () => {
    const base = modelByKey('ministral-3-3b-base');
    const instruct = modelByKey('ministral-3-3b-instruct');
    const alone = preflightModel(base, desktop, roomy);
    const paired = preflightModel(base, desktop, roomy, [instruct]);
    const other = preflightModel(instruct, desktop, roomy);
    const memory = (r: typeof alone) => r.checks.find((c) => c.id === 'memory');
    const storage = (r: typeof alone) => r.checks.find((c) => c.id === 'storage');
    expect(memory(paired)?.need).toBe(alone.vramBytes + other.vramBytes);
    expect(storage(paired)?.need).toBe(alone.toDownloadBytes + other.toDownloadBytes);
    // 8 GB of RAM: one 3B model fits the cautious half, the pair does not
    expect(memory(alone)?.status).toBe('ok');
    expect(memory(paired)?.status).toBe('warn');
    expect(paired.vramBytes).toBe(alone.vramBytes);
  });
});
