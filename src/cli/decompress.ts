/**
 * `decompress --model ID IN OUT`: decodes a file written by `compress` with the same model; the
 * result is checked against the CRC-32 stored in the file before OUT is written (atomically:
 * temporary file, then rename; never over IN). A header that claims more tokens than its payload
 * can hold is refused before decoding.
 */
import { CompressedFormatError } from '../lib/coding/container.ts';
import { decompressBytes } from '../lib/coding/text-compressor.ts';
import { checkOutput, writeFileAtomic } from './_files.ts';
import { openCodingModel, parseCodingArgs, progressReporter, readInput } from './_coding.ts';
import { UsageError, type CliIo } from './_usage.ts';

/** Decompresses IN to OUT. */
export async function run(args: string[], io?: CliIo): Promise<unknown> {
  const { model: id, input, output } = parseCodingArgs(args, 'decompress');
  await checkOutput(input, output);
  const file = await readInput(input);
  const model = await openCodingModel(id);
  let bytes: Uint8Array;
  try {
    bytes = await decompressBytes(file, model, { onProgress: progressReporter('decompress', io) });
  } catch (e) {
    if (e instanceof CompressedFormatError) throw new UsageError(`${input}: ${e.message}`);
    throw e;
  }
  await writeFileAtomic(output, bytes);
  return { model: model.id, input_bytes: file.length, output_bytes: bytes.length };
}
