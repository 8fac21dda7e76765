/**
 * A whole safetensors file already in memory (the built-in models are a few MB): header plus
 * typed access to each tensor by name.
 */
import { decodeTensor } from './decode.ts';
import { DecodeError } from './errors.ts';
import { parseHeader, type SafetensorsHeader, type TensorInfo } from './header.ts';

/** An in-memory safetensors file: its header and its tensors by name. */
export interface SafetensorsFile extends SafetensorsHeader {
  /** The tensor's header entry, or undefined when absent. */
  info(name: string): TensorInfo | undefined;
  /** The tensor's stored bytes (a view into the file, no copy). */
  bytes(name: string): Uint8Array;
  /** The tensor's values as float32 (decoded from its dtype). */
  float32(name: string): Float32Array;
}

/** Parses and validates a whole file held in memory; throws a SafetensorsError subclass when malformed. */
export function openSafetensors(file: Uint8Array | ArrayBuffer): SafetensorsFile {
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
  const header = parseHeader(bytes, bytes.byteLength);
  const byName = new Map(header.tensors.map((t) => [t.name, t]));
  const need = (name: string): TensorInfo => {
    const t = byName.get(name);
    if (!t) throw new DecodeError(`no tensor named "${name}" in this file`);
    return t;
  };
  return {
    ...header,
    info: (name) => byName.get(name),
    bytes: (name) => {
      const t = need(name);
      return bytes.subarray(header.dataStart + t.dataOffsets[0], header.dataStart + t.dataOffsets[1]);
    },
    float32: (name) => decodeTensor(need(name), bytes, header.dataStart),
  };
}
