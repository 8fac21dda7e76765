/** Points TensorFlow.js at its WASM backend in Node (tfjs-node cannot install here: toolchain-notes.md). */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Selects the WASM backend (idempotent); resolves once its kernels are ready. */
export async function useWasmBackend(): Promise<void> {
  if (tf.getBackend() === 'wasm') return;
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  // The package's main file lives in dist/, beside the .wasm binaries.
  setWasmPaths(`${pathToFileURL(dirname(entry)).href}/`);
  await tf.setBackend('wasm');
  await tf.ready();
}
