/**
 * `inspect FILE.safetensors`: the header of a weights file as JSON, read by slices (the first
 * 8 bytes, then the header), so a multi-gigabyte file costs two small reads.
 */
import { readHeader, SafetensorsError } from '../lib/safetensors/index.ts';
import { openRegularFile } from './_files.ts';
import { UsageError } from './_usage.ts';

/** Prints `{"tensors":[{"name","dtype","shape","data_offsets"}],"total_params"}` for FILE, plus its metadata. */
export async function run(args: string[]): Promise<unknown> {
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new UsageError('usage: inspect FILE.safetensors');
  const path = args[0]!;
  // Only a regular file: a named pipe or a device would block or never end.
  const { handle, size } = await openRegularFile(path);
  try {
    const header = await readHeader(async (start, end) => {
      const buf = new Uint8Array(end - start);
      const { bytesRead } = await handle.read(buf, 0, buf.length, start);
      return buf.subarray(0, bytesRead);
    }, size);
    return {
      tensors: header.tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, data_offsets: t.dataOffsets })),
      total_params: header.tensors.reduce((n, t) => n + BigInt(t.elements), 0n),
      metadata: header.metadata,
    };
  } catch (e) {
    if (e instanceof SafetensorsError) throw new UsageError(`${path} is not a valid safetensors file: ${e.message}`);
    throw e;
  } finally {
    await handle.close();
  }
}
