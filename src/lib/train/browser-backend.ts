/**
 * Picks the TensorFlow.js backend a browser worker trains on: WebGPU, then WebGL, then WASM,
 * then the plain-JS CPU backend. Browser-only: the WASM binaries are imported as URLs, so Vite
 * copies them into the build with hashed names (nothing is hand-copied into public/).
 *
 * In automatic mode a software GPU (SwiftShader, llvmpipe: what a machine without a graphics card
 * offers) is skipped, because WASM trains these small models far faster on the same CPU (measured
 * in headless Chromium: WASM 7.7 steps/s, WebGL on SwiftShader 0.07), and every backend must pass
 * a small arithmetic check before it is used, so a backend that runs but returns wrong numbers
 * is never chosen.
 */
import * as tf from '@tensorflow/tfjs';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_ORDER, isSoftwareAdapter, SOFTWARE_RENDERER, type BackendName, type GpuAdapterLike } from './browser-lab-config.ts';

/** Asks for a WebGPU adapter; the worker passes src/engine/gpu.ts `requestGpuAdapter`. */
export type RequestAdapter = () => Promise<GpuAdapterLike | null>;

/** True when this worker's WebGL renders in software. */
function softwareWebGl(): boolean {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
  if (!gl) return true;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  return SOFTWARE_RENDERER.test(renderer);
}

/** A product whose answer is known, read back the way training reads values (synchronously). */
function computesCorrectly(): boolean {
  const got = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])).dataSync());
  return [19, 22, 43, 50].every((v, i) => Math.abs(got[i]! - v) < 1e-4);
}

/** Loads and selects one backend; false when this browser cannot run it (or, in auto mode, only emulates it). */
async function tryBackend(name: BackendName, auto: boolean, requestAdapter: RequestAdapter): Promise<boolean> {
  try {
    if (name === 'webgpu') {
      const adapter = await requestAdapter();
      if (!adapter || (auto && isSoftwareAdapter(adapter))) return false;
      await import('@tensorflow/tfjs-backend-webgpu');
    } else if (name === 'webgl') {
      // A worker has WebGL only through OffscreenCanvas.
      if (typeof OffscreenCanvas === 'undefined' || (auto && softwareWebGl())) return false;
    } else if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
      });
    }
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return tf.getBackend() === name && computesCorrectly();
  } catch {
    return false;
  }
}

/** Selects `preferred` if it works, else the first that works in BACKEND_ORDER; returns its name. */
export async function useBestBackend(preferred: BackendName | 'auto', requestAdapter: RequestAdapter): Promise<BackendName> {
  const auto = preferred === 'auto';
  const order = auto ? BACKEND_ORDER : [preferred, ...BACKEND_ORDER.filter((b) => b !== preferred)];
  for (const name of order) {
    if (await tryBackend(name, auto, requestAdapter)) return name;
  }
  throw new Error('no TensorFlow.js backend could start in this browser');
}
