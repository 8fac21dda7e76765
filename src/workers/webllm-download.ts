/**
 * Reads one model file's body in the WebLLM worker, counting bytes for the progress bar. Kept apart
 * from webllm.worker.ts (which imports WebLLM) so it runs in Vitest.
 */
import { NETWORK_ERROR } from '../lib/webllm/errors.ts';

/** How often a file's byte count is reported, at most (ms). */
const REPORT_EVERY = 100;

/**
 * Reads a response body to the end, reporting bytes; throws NETWORK_ERROR if the stream breaks off.
 *
 * There is no byte-count check against Content-Length: a CDN that serves gzip sends the length of
 * the compressed body, and a cross-origin response hides Content-Encoding, so the decoded bytes never
 * match it. A truncated transfer already fails the stream itself (the catch below). Content-Length
 * only sizes the progress bar, and only while the bytes stay within it.
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
  onBytes(loaded, total());
  const body = new Uint8Array(new ArrayBuffer(loaded));
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}
