import { describe, expect, test } from 'vitest';
import { libUrl, modelRecord, modelUrl, resolveHosts } from '../../../../src/lib/webllm/hosts.ts';
import { DEFAULT_LIB_BASE, DEFAULT_MODEL_BASE, modelByKey } from '../../../../src/lib/webllm/models.ts';

const phi = modelByKey('phi-1_5');

describe('resolveHosts', () => {
  test('empty settings mean WebLLM’s default hosts', () => {
    expect(resolveHosts({ modelBase: '', libBase: '  ' }, 'https://a.example/x/')).toEqual({
      modelBase: DEFAULT_MODEL_BASE,
      libBase: DEFAULT_LIB_BASE,
    });
  });

  test('a relative self-hosted base resolves against the page and gains a trailing slash', () => {
    const hosts = resolveHosts({ modelBase: '/sub/webllm/models', libBase: 'libs' }, 'http://127.0.0.1:4321/sub/en/01/');
    expect(hosts.modelBase).toBe('http://127.0.0.1:4321/sub/webllm/models/');
    expect(hosts.libBase).toBe('http://127.0.0.1:4321/sub/en/01/libs/');
    expect(modelUrl(phi.variants.q4f32_1, hosts)).toBe('http://127.0.0.1:4321/sub/webllm/models/phi-1_5-q4f32_1-MLC/');
    expect(libUrl(phi.variants.q4f32_1, hosts)).toBe(
      'http://127.0.0.1:4321/sub/en/01/libs/phi-1_5-q4f32_1_cs1k-webgpu.wasm',
    );
  });

  test('the record keeps WebLLM’s model id, so its cache keys stay the same', () => {
    const hosts = resolveHosts({ modelBase: 'https://mirror.example/m/' }, 'https://a.example/');
    const record = modelRecord(phi, phi.variants.q4f16_1, hosts);
    expect(record.model_id).toBe('phi-1_5-q4f16_1-MLC');
    expect(record.model).toBe('https://mirror.example/m/phi-1_5-q4f16_1-MLC/');
  });
});
