import { describe, expect, test } from 'vitest';
import { fetchModelSource } from '../../../../src/lib/tinylm/source.ts';

function fakeFetch(files: Record<string, Uint8Array | string>): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = String(input);
    const name = url.slice(url.lastIndexOf('/') + 1);
    const body = files[name];
    if (body === undefined) return new Response('not found', { status: 404 });
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    // Two chunks, so progress has a middle.
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, bytes.length >> 1));
        c.enqueue(bytes.slice(bytes.length >> 1));
        c.close();
      },
    });
    return new Response(stream, { headers: { 'content-length': String(bytes.byteLength) } });
  }) as typeof fetch;
}

describe('fetchModelSource', () => {
  test('streams bytes with progress and reads JSON', async () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => i & 255);
    const source = fetchModelSource('/sub/models/tiny-m', fakeFetch({ 'model.safetensors': data, 'config.json': '{"n_embd":32}' }));
    const seen: [number, number | undefined][] = [];
    const got = await source.bytes('model.safetensors', (l, t) => seen.push([l, t]));
    expect(got).toEqual(data);
    expect(seen).toEqual([[500, 1000], [1000, 1000]]);
    expect(await source.json('config.json')).toEqual({ n_embd: 32 });
  });

  test('a missing file fails with its URL and the HTTP status', async () => {
    const source = fetchModelSource('/sub/models/tiny-m/', fakeFetch({}));
    await expect(source.json('config.json')).rejects.toThrow('could not fetch /sub/models/tiny-m/config.json: HTTP 404');
  });
});
