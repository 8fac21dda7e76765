/**
 * `decompress --model ID IN OUT`: decodes a file written by `compress` with the same model; the
 * result is checked against the CRC-32 stored in the file before OUT is written.
 */
import { writeFile } from 'node:fs/promises';
import { CompressedFormatError } from '../lib/coding/container.ts';
import { decompressBytes } from '../lib/coding/text-compressor.ts';
import { openCodingModel, parseCodingArgs, readInput } from './_coding.ts';
import { UsageError } from './_usage.ts';

/** Decompresses IN to OUT. */
export async function run(args: string[]): Promise<unknown> {
  const { model: id, input, output } = parseCodingArgs(args, 'decompress');
  const file = await readInput(input);
  const model = await openCodingModel(id);
  let bytes: Uint8Array;
  try {
    bytes = await decompressBytes(file, model);
  } catch (e) {
    if (e instanceof CompressedFormatError) throw new UsageError(`${input}: ${e.message}`);
    throw e;
  }
  await writeFile(output, bytes);
  return { model: model.id, input_bytes: file.length, output_bytes: bytes.length };
}
