import { describe, expect, test } from 'vitest';
import { readAll } from '../../../src/workers/webllm-download.ts';

function streamOf(parts: Uint8Array[], failAfter?: number): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (failAfter !== undefined && i === failAfter) return controller.error(new TypeError('network error'));
      if (i === parts.length) return controller.close();
      controller.enqueue(parts[i++]);
    },
  });
}

describe('readAll (WebLLM downloads)', () => {
  test('a gzip CDN: Content-Length of the compressed body, more bytes decoded: the file loads', async () => {
    // 3000 decoded bytes; the CDN declared the 700-byte gzip body and the Content-Encoding is hidden (CORS)
    const res = new Response(streamOf([new Uint8Array(1000).fill(1), new Uint8Array(2000).fill(2)]), {
      headers: { 'content-length': '700' },
    });
    const reports: [number, number | null][] = [];
    const body = await readAll(res, 'https://cdn/x.bin', (l, t) => reports.push([l, t]));
    expect(body.byteLength).toBe(3000);
    expect(body[2999]).toBe(2);
    // once past the declared length it no longer claims a total
    expect(reports.at(-1)).toEqual([3000, null]);
  });

  test('the declared length sizes the bar when it is right', async () => {
    const res = new Response(streamOf([new Uint8Array(10), new Uint8Array(6)]), { headers: { 'content-length': '16' } });
    const reports: [number, number | null][] = [];
    await readAll(res, 'u', (l, t) => reports.push([l, t]));
    expect(reports.at(-1)).toEqual([16, 16]);
  });

  test('incompressible data sent compressed decodes to a little less than declared: still whole', async () => {
    const res = new Response(streamOf([new Uint8Array(100_000)]), { headers: { 'content-length': '100023' } });
    expect((await readAll(res, 'u', () => {})).byteLength).toBe(100_000);
  });

  test('a body far shorter than declared (connection cut mid-file) is a network error, never stored', async () => {
    const res = new Response(streamOf([new Uint8Array(1000)]), { headers: { 'content-length': '5000000' } });
    await expect(readAll(res, 'https://h/m.wasm', () => {})).rejects.toMatchObject({ name: 'NetworkError', url: 'https://h/m.wasm' });
  });

  test('a stream that breaks off fails as a network error naming the file', async () => {
    const res = new Response(streamOf([new Uint8Array(10), new Uint8Array(10)], 1));
    await expect(readAll(res, 'https://h/params_shard_3.bin', () => {})).rejects.toMatchObject({
      name: 'NetworkError',
      url: 'https://h/params_shard_3.bin',
    });
  });
});
