/**
 * The safetensors reader and writer, in one import. `parseHeader`/`readHeader` validate a header
 * read by slices; `decodeTensor` turns bytes into numbers; `serializeSafetensors` writes a file;
 * `openSafetensors` is the convenience for a whole file already in memory.
 */
export * from './dtypes.ts';
export * from './errors.ts';
export * from './float16.ts';
export * from './header.ts';
export * from './decode.ts';
export * from './write.ts';
export * from './histogram.ts';
export * from './byte-window.ts';
export * from './byte-search.ts';
export { openSafetensors, type SafetensorsFile } from './open.ts';
