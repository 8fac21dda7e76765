/**
 * `compress --model ID IN OUT`: arithmetic coding of IN under the built-in model, written to OUT.
 * Prints the sizes beside gzip's (level 9) and the text's bits under the model. Text the model
 * would expand is stored instead. OUT is written atomically (temporary file, then rename), never
 * over IN; progress goes to stderr for long inputs.
 */
import { gzipSync } from 'node:zlib';
import { compressBytes } from '../lib/coding/text-compressor.ts';
import { checkOutput, writeFileAtomic } from './_files.ts';
import { openCodingModel, parseCodingArgs, progressReporter, readInput } from './_coding.ts';
import type { CliIo } from './_usage.ts';

/** Compresses IN to OUT and reports the sizes. */
export async function run(args: string[], io?: CliIo): Promise<unknown> {
  const { model: id, input, output } = parseCodingArgs(args, 'compress');
  await checkOutput(input, output);
  const bytes = await readInput(input);
  const model = await openCodingModel(id);
  const result = await compressBytes(bytes, model, { onProgress: progressReporter('compress', io) });
  await writeFileAtomic(output, result.file);
  const payloadBytes = result.file.length - result.headerBytes;
  return {
    model: model.id,
    mode: result.mode,
    input_bytes: result.inputBytes,
    output_bytes: result.file.length,
    header_bytes: result.headerBytes,
    payload_bytes: payloadBytes,
    tokens: result.tokens,
    model_bits: Number.isFinite(result.modelBits) ? Number(result.modelBits.toFixed(2)) : null,
    bits_per_byte: result.inputBytes ? Number(((payloadBytes * 8) / result.inputBytes).toFixed(4)) : null,
    gzip_bytes: gzipSync(bytes, { level: 9 }).length,
  };
}
