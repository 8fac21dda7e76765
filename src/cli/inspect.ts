/**
 * `inspect FILE.safetensors`: the header of a weights file as JSON, read by slices (the first
 * 8 bytes, then the header), so a multi-gigabyte file costs two small reads.
 */
import { open } from 'node:fs/promises';
import { readHeader, SafetensorsError } from '../lib/safetensors/index.ts';
import { UsageError } from './_usage.ts';

/** Prints `{"tensors":[{"name","dtype","shape","data_offsets"}],"total_params"}` for FILE, plus its metadata. */
export async function run(args: string[]): Promise<unknown> {
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new UsageError('usage: inspect FILE.safetensors');
  const path = args[0]!;
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw new UsageError(`cannot open ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    const { size } = await handle.stat();
    const header = await readHeader(async (start, end) => {
      const buf = new Uint8Array(end - start);
      const { bytesRead } = await handle.read(buf, 0, buf.length, start);
      return buf.subarray(0, bytesRead);
    }, size);
    return {
      tensors: header.tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, data_offsets: t.dataOffsets })),
      total_params: header.tensors.reduce((n, t) => n + t.elements, 0),
      metadata: header.metadata,
    };
  } catch (e) {
    if (e instanceof SafetensorsError) throw new UsageError(`${path} is not a valid safetensors file: ${e.message}`);
    throw e;
  } finally {
    await handle.close();
  }
}
