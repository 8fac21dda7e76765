/**
 * The size gzip gives the same bytes, through the browser's own CompressionStream: the yardstick
 * the model's bits are compared with. Pure Web API, so it runs in Node 18+ (tests) as well.
 */

/** Compressed length in bytes of `bytes` with gzip (header and trailer included, ~18 bytes). */
export async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  const reader = stream.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return size;
    size += value.byteLength;
  }
}
