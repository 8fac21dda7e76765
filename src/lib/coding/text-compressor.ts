/**
 * Text compression with a language model: tokenize, arithmetic-code the tokens under the
 * model, wrap them in the container. Any byte string round-trips exactly: input the tokenizer
 * cannot reproduce (invalid UTF-8, say) is stored verbatim instead, and a CRC-32 checks the result.
 */
import { crc32 } from './crc32.ts';
import { CompressedFormatError, readContainer, writeContainer, type CodingMode } from './container.ts';
import { decodeTokens, encodeTokens, TokenCountError, type ProbabilityModel, type TokenCoderOptions } from './token-coder.ts';

/** The model side of the compressor: an id for the header, its tokenizer, and its predictions. */
export interface CodingModel {
  id: string;
  tokenize(text: string): number[] | Promise<number[]>;
  detokenize(ids: number[]): string | Promise<string>;
  probabilities: ProbabilityModel;
}

/** A compressed file and what it cost. */
export interface CompressionResult {
  file: Uint8Array;
  mode: CodingMode;
  /** Input size in bytes. */
  inputBytes: number;
  /** Tokens the model saw (0 when the tokenizer cannot reproduce the input). */
  tokens: number;
  /** Header bytes (everything before the payload). */
  headerBytes: number;
  /**
   * Ideal code length under the model, Σ −log₂ p, in bits: also when the file is stored because
   * the model would have expanded the text; NaN when the tokenizer cannot reproduce the input.
   */
  modelBits: number;
}

/** Compresses `input` (bytes, or a string taken as UTF-8) with `model`. */
export async function compressBytes(input: Uint8Array | string, model: CodingModel, options: TokenCoderOptions = {}): Promise<CompressionResult> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const checksum = crc32(bytes);
  const text = utf8OrNull(bytes);
  let ids: number[] | null = null;
  if (text !== null) {
    const candidate = await model.tokenize(text);
    if ((await model.detokenize(candidate)) === text) ids = candidate;
  }
  const stored = (tokens = 0, modelBits = Number.NaN): CompressionResult => {
    const file = writeContainer({ mode: 'stored', modelId: model.id, count: bytes.length, crc32: checksum }, bytes);
    return { file, mode: 'stored', inputBytes: bytes.length, tokens, headerBytes: file.length - bytes.length, modelBits };
  };
  if (ids === null) return stored();
  const { payload, modelBits } = await encodeTokens(ids, model.probabilities, options);
  // Text the model predicts worse than 8 bits a byte (3,000 zero bytes, say) is stored instead:
  // the file is never much larger than the input (header only).
  if (payload.length >= bytes.length) return stored(ids.length, modelBits);
  const file = writeContainer({ mode: 'model', modelId: model.id, count: ids.length, crc32: checksum }, payload);
  return { file, mode: 'model', inputBytes: bytes.length, tokens: ids.length, headerBytes: file.length - payload.length, modelBits };
}

/** Decompresses a file written by `compressBytes` with the same model; the bytes are checked against the CRC. */
export async function decompressBytes(file: Uint8Array, model: CodingModel, options: TokenCoderOptions = {}): Promise<Uint8Array> {
  const { header, payload } = readContainer(file);
  if (header.modelId !== model.id) {
    throw new CompressedFormatError(`this file was compressed with model "${header.modelId}", not "${model.id}"`);
  }
  let bytes: Uint8Array;
  if (header.mode === 'stored') {
    bytes = payload.slice();
  } else {
    let ids: number[];
    try {
      ids = await decodeTokens(payload, header.count, model.probabilities, options);
    } catch (e) {
      if (e instanceof TokenCountError) throw new CompressedFormatError(e.message);
      throw e;
    }
    bytes = new TextEncoder().encode(await model.detokenize(ids));
  }
  if (crc32(bytes) !== header.crc32) {
    throw new CompressedFormatError('the decoded bytes fail their checksum: the file is damaged or the model has changed');
  }
  return bytes;
}

/** Peeks at a compressed file's header (model id, mode, count) without decoding. */
export { readContainer as readCompressedHeader } from './container.ts';

function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    // ignoreBOM keeps a leading U+FEFF as text, so it is coded and restored like any character.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
