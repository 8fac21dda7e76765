import { clean } from './describe.ts';

/**
 * Every way a safetensors file can be malformed has its own Error subclass, all extending
 * SafetensorsError, so callers (and the fuzz tests) can tell "bad file" from a bug.
 */

/** Base class of every error the safetensors reader and writer throw on bad input. */
export class SafetensorsError extends Error {
  override name = 'SafetensorsError';
}

/** The 8-byte header length is missing, too large for the file, or above the sanity cap. */
export class HeaderLengthError extends SafetensorsError {
  override name = 'HeaderLengthError';
}

/** The header is not UTF-8, not JSON, or not a JSON object. */
export class HeaderJsonError extends SafetensorsError {
  override name = 'HeaderJsonError';
}

/** `__metadata__` is not an object of string values. */
export class MetadataError extends SafetensorsError {
  override name = 'MetadataError';
}

/** The tensors do not tile the data area: a gap, a first tensor not at 0, or trailing bytes. */
export class OffsetsError extends SafetensorsError {
  override name = 'OffsetsError';
}

/** One tensor entry is malformed: unknown dtype, bad shape, bad offsets, or size mismatch. */
export class TensorEntryError extends SafetensorsError {
  override name = 'TensorEntryError';
  /** The tensor the entry describes. */
  readonly tensor: string;
  constructor(tensor: string, message: string) {
    super(`tensor "${clean(tensor)}": ${message}`);
    this.tensor = tensor;
  }
}

/** Two tensors claim the same bytes of the data area. */
export class OverlapError extends SafetensorsError {
  override name = 'OverlapError';
}

/** A tensor cannot be decoded (a dtype this site does not convert) or its bytes are missing. */
export class DecodeError extends SafetensorsError {
  override name = 'DecodeError';
}
