/**
 * The training lab's sizes and caps, shared by the page and its worker. No TensorFlow.js here:
 * the page imports this before the reader starts the lab, and must not pull tfjs in with it.
 */
import type { Gpt2Config } from './gpt2.ts';

/** The most text the lab will study, in UTF-8 bytes: keeps tokens, batches and memory small. */
export const MAX_TEXT_BYTES = 20_000;
/** The most parameters a lab model may have (the "standard" size with the built-in tokenizer is just under). */
export const MAX_PARAMS = 250_000;

/** The two model sizes the reader can pick. */
export type LabSize = 'small' | 'standard';
/** Both sizes, smallest first. */
export const LAB_SIZES: readonly LabSize[] = ['small', 'standard'];

/** A size's shape and schedule. */
export interface LabRecipe {
  nEmbd: number;
  nLayer: number;
  nHead: number;
  /** Tokens per training window (and the longest prompt the exam reads). */
  context: number;
  batch: number;
  /** Steps of a full run; the reader may stop earlier. */
  steps: number;
  peakLr: number;
  warmup: number;
}

/**
 * Chosen from steps per second measured on a loaded 2-core machine with the WASM backend
 * and in headless Chromium there (small 7.7/s, standard 1.4/s with the 2048-token vocabulary), so
 * that a full run takes well under a minute (small) or about two (standard) even there.
 */
export const LAB_RECIPES: Record<LabSize, LabRecipe> = {
  small: { nEmbd: 32, nLayer: 2, nHead: 2, context: 32, batch: 8, steps: 300, peakLr: 5e-3, warmup: 10 },
  standard: { nEmbd: 64, nLayer: 2, nHead: 4, context: 64, batch: 8, steps: 200, peakLr: 3e-3, warmup: 10 },
};

/** The GPT-2 a size makes with a tokenizer of `vocabSize` ids. */
export function labConfig(size: LabSize, vocabSize: number): Gpt2Config {
  const r = LAB_RECIPES[size];
  return { vocabSize, nPositions: r.context, nEmbd: r.nEmbd, nLayer: r.nLayer, nHead: r.nHead };
}

/**
 * Parameters of a GPT-2 with a tied head: V·d + P·d + L·(12d² + 13d) + 2d. The same count as
 * gpt2ParamCount (a test holds them equal), computed here without importing TensorFlow.js.
 */
export function labParamCount(c: Gpt2Config): number {
  const d = c.nEmbd;
  return c.vocabSize * d + c.nPositions * d + c.nLayer * (12 * d * d + 13 * d) + 2 * d;
}

/** UTF-8 size of a text. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/** `text` cut to at most `maxBytes` UTF-8 bytes, never inside a character. */
export function capText(text: string, maxBytes = MAX_TEXT_BYTES): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.byteLength <= maxBytes) return text;
  // fatal: false drops a cut character at the end as U+FFFD, which we then remove.
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, maxBytes)).replace(/\uFFFD+$/, '');
}

/** TensorFlow.js backends the lab can train on, fastest kind first. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
/** The order the lab tries backends in when the reader leaves the choice to it. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * The size to start with: the standard model where WebGPU exists, the small one elsewhere
 * (WebGL, WASM and CPU train it 2–3× faster, which keeps a run near a minute).
 */
export function defaultLabSize(hasWebGpu: boolean): LabSize {
  return hasWebGpu ? 'standard' : 'small';
}

/** Renderer names of GPUs emulated on the CPU. */
export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

/** The parts of a WebGPU adapter that tell a real GPU from an emulated one. */
export interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
}

/** True when a WebGPU adapter is a CPU emulation (SwiftShader and the like), not a graphics card. */
export function isSoftwareAdapter(adapter: GpuAdapterLike): boolean {
  const info = adapter.info ?? {};
  return !!(adapter.isFallbackAdapter || info.isFallbackAdapter) || SOFTWARE_RENDERER.test(`${info.vendor} ${info.architecture} ${info.description}`);
}
