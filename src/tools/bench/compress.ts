/**
 * Compression throughput of the built-in model on 1 MB (#17 point 3): the command line's coder
 * (src/cli/_coding.ts) on the site's own chapters, both languages, repeated to the size. Linear
 * time shows as the same tokens/s at 100 KB and at 1 MB; the quadratic coder it replaced managed
 * 2.9 KB/s at 112 KB and did not finish 1 MB in 25 minutes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCodingModel } from '../../cli/_coding.ts';
import { REPO_ROOT } from '../../cli/_tinylm.ts';
import { compressBytes, decompressBytes } from '../../lib/coding/text-compressor.ts';

/** One size's figures. */
export interface CompressionSpeed {
  inputBytes: number;
  tokens: number;
  outputBytes: number;
  mode: string;
  compressSeconds: number;
  decompressSeconds: number;
  roundTrip: boolean;
}

/** The chapters (zh and en MDX), concatenated and repeated to exactly `size` bytes of UTF-8. */
export function chapterText(size: number): Uint8Array {
  const root = join(REPO_ROOT, 'content/docs');
  const parts: string[] = [];
  for (const lang of readdirSync(root).sort()) {
    const dir = join(root, lang);
    for (const f of readdirSync(dir, { recursive: true }).map(String).sort()) {
      if (f.endsWith('.md') || f.endsWith('.mdx')) parts.push(readFileSync(join(dir, f), 'utf8'));
    }
  }
  const one = new TextEncoder().encode(parts.join('\n'));
  const out = new Uint8Array(size);
  for (let at = 0; at < size; at += one.length) out.set(one.subarray(0, Math.min(one.length, size - at)), at);
  // Cut back to a character boundary so the text stays valid UTF-8 (else it would be stored).
  let end = size;
  while (end > 0 && (out[end - 1]! & 0xc0) === 0x80) end--;
  if (end > 0 && out[end - 1]! >= 0xc0) end--;
  return out.subarray(0, end);
}

/** Compresses and decompresses `bytes` with model `id`, timing each way. */
export async function measureCompression(id: string, bytes: Uint8Array, onProgress?: (line: string) => void): Promise<CompressionSpeed> {
  const model = await openCodingModel(id);
  let last = 0;
  const progress = (what: string) => (done: number, total: number) => {
    const t = performance.now();
    if (t - last > 10_000) {
      last = t;
      onProgress?.(`${what} ${done}/${total} tokens`);
    }
  };
  const c0 = performance.now();
  const result = await compressBytes(bytes, model, { onProgress: progress('compress') });
  const compressSeconds = (performance.now() - c0) / 1000;
  const d0 = performance.now();
  const back = await decompressBytes(result.file, model, { onProgress: progress('decompress') });
  const decompressSeconds = (performance.now() - d0) / 1000;
  return {
    inputBytes: bytes.length,
    tokens: result.tokens,
    outputBytes: result.file.length,
    mode: result.mode,
    compressSeconds,
    decompressSeconds,
    roundTrip: back.length === bytes.length && back.every((b, i) => b === bytes[i]),
  };
}
