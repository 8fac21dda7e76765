import { describe, expect, test } from 'vitest';
import { createInspectorModel, HISTOGRAM_MAX_BYTES } from '../../../../src/islands/weights-inspector/weights-inspector.model.ts';
import { serializeSafetensors } from '../../../../src/lib/safetensors/write.ts';
import type { Engine } from '../../../../src/lib/engine/types.ts';

const file = serializeSafetensors(
  [
    { name: 'wte.weight', dtype: 'F32', shape: [4, 4], data: Float32Array.from({ length: 16 }, (_, i) => i - 8) },
    { name: 'h.0.mlp.c_fc.bias', dtype: 'F16', shape: [2], data: Uint16Array.of(0x3c00, 0xc000) },
  ],
  { note: 'Paris' },
);

/** A fetch that serves the file and records every byte range read from the Blob it returns. */
function setup() {
  const fetchFn = (async (url: string) => {
    if (String(url).endsWith('model.safetensors')) return new Response(file.slice());
    return new Response('{}', { status: 404 });
  }) as unknown as typeof fetch;
  return createInspectorModel({ modelsUrl: '/m/', modelId: 'tiny-x', engine: async () => ({}) as Engine, fetchFn });
}

describe('weights inspector state', () => {
  test('opening the built-in model parses its header and shows the first bytes', async () => {
    const m = setup();
    await m.openBuiltIn();
    expect(m.error.value).toBeNull();
    expect(m.header.value?.tensors.map((t) => t.name)).toEqual(['wte.weight', 'h.0.mlp.c_fc.bias']);
    expect(m.totalParams.value).toBe(18);
    expect(m.windowOffset.value).toBe(0);
    expect(m.region.value?.kind).toBe('prefix');
  });

  test('selecting a tensor bins its values and moves the byte window to it', async () => {
    const m = setup();
    await m.openBuiltIn();
    await m.selectTensor('h.0.mlp.c_fc.bias');
    expect(m.histogram.value?.hist?.min).toBe(-2);
    expect(m.histogram.value?.hist?.max).toBe(1);
    expect(m.windowOffset.value).toBe(m.header.value!.dataStart + 64);
    expect(Array.from(m.windowValues.value!.values)).toEqual([1, -2]);
    expect(HISTOGRAM_MAX_BYTES).toBeGreaterThan(1e6);
  });

  test('a search tells hits in the JSON header from hits in the weight data', async () => {
    const m = setup();
    await m.openBuiltIn();
    await m.search('Paris');
    expect(m.searchResult.value).toMatchObject({ headerHits: 1, dataHits: 0, searchedBytes: file.length });
    await m.search('巴黎');
    expect(m.searchResult.value?.hits).toEqual([]);
  });

  test('a file that is not safetensors is a format error, and a failed download a fetch error', async () => {
    const m = setup();
    await m.openFile(new File([new TextEncoder().encode('hello world, not weights')], 'x.safetensors'));
    expect(m.error.value?.kind).toBe('format');
    const broken = createInspectorModel({
      modelsUrl: '/m/',
      modelId: 'tiny-x',
      engine: async () => ({}) as Engine,
      fetchFn: (async () => new Response('', { status: 404 })) as unknown as typeof fetch,
    });
    await broken.openBuiltIn();
    expect(broken.error.value).toEqual({ kind: 'fetch', detail: '/m/tiny-x/model.safetensors: HTTP 404' });
  });
});
