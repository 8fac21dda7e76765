/**
 * Reads one model file's body in the WebLLM worker, counting bytes for the progress bar. Kept apart
 * from webllm.worker.ts (which imports WebLLM) so it runs in Vitest.
 */
import { NETWORK_ERROR } from '../lib/webllm/errors.ts';

/** How often a file's byte count is reported, at most (ms). */
const REPORT_EVERY = 100;

/**
 * How far below Content-Length the decoded bytes may fall and still be a whole file: a compressed
 * body of incompressible data (quantized weights) decodes to slightly less than it was sent as
 * (deflate's stored blocks add 5 bytes per block and 18 of header; brotli and zstd are similar).
 * 0.1% plus 64 bytes is far above that overhead and far below any real cut-off.
 */
export function encodingSlack(declared: number): number {
  return 64 + Math.ceil(declared / 1000);
}

/**
 * Reads a response body to the end, reporting bytes; throws NETWORK_ERROR if the stream breaks off.
 *
 * Content-Length is only a lower bound: a CDN that serves gzip sends the length of the compressed
 * body, and a cross-origin response hides Content-Encoding, so the decoded bytes exceed it. More
 * bytes than declared is therefore fine (an exact check failed every load from such a CDN); far
 * fewer means the transfer was cut off. It sizes the progress bar while the bytes stay within it.
 */
export async function readAll(
  res: Response,
  url: string,
  onBytes: (loaded: number, total: number | null) => void,
  now: () => number = () => performance.now(),
): Promise<Uint8Array<ArrayBuffer>> {
  const header = Number(res.headers.get('content-length'));
  const declared = !res.headers.get('content-encoding') && header > 0 ? header : null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  let last = -Infinity;
  const total = () => (declared !== null && loaded <= declared ? declared : null);
  try {
    const reader = res.body?.getReader();
    if (!reader) {
      const whole = new Uint8Array(await res.arrayBuffer());
      onBytes(whole.byteLength, total());
      return whole;
    }
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      const t = now();
      if (t - last > REPORT_EVERY) {
        last = t;
        onBytes(loaded, total());
      }
    }
  } catch {
    throw Object.assign(new Error(`The download of ${url} broke off after ${loaded} bytes`), { name: NETWORK_ERROR, url });
  }
  if (declared !== null && loaded < declared - encodingSlack(declared)) {
    throw Object.assign(new Error(`Got ${loaded} of ${declared} bytes of ${url}`), { name: NETWORK_ERROR, url });
  }
  onBytes(loaded, total());
  const body = new Uint8Array(new ArrayBuffer(loaded));
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}
