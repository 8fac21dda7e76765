/**
 * Messages between the page and the built-in model's worker. `type` fixes the payload, so neither
 * side casts. Every request carries `id`; every reply to it carries the same `id`. A distribution
 * crosses as transferred typed arrays (the whole vocabulary, a few KB, no copy).
 */
import type { EngineInfo, ForwardTrace, LoadProgress, TokenScore } from '../lib/engine/types.ts';
import type { ModelFileBuffers } from '../lib/tinylm/source.ts';

/**
 * Page → worker. `cancel` aborts the score whose request id is `target`. `load` may carry the
 * files (fetched by the page while the worker was starting, transferred); without them the
 * worker fetches `<modelsBaseUrl><modelId>/…` itself.
 */
export type TinyLmRequest =
  | { type: 'load'; id: number; modelId: string; modelsBaseUrl: string; files?: ModelFileBuffers }
  | { type: 'tokenize'; id: number; text: string }
  | { type: 'detokenize'; id: number; ids: number[] }
  | { type: 'token-texts'; id: number; ids: number[] }
  | { type: 'token-bytes'; id: number; ids: number[] }
  | { type: 'next'; id: number; ids: number[] }
  | { type: 'score'; id: number; ids: number[]; topK?: number }
  | { type: 'trace'; id: number; ids: number[]; top?: number }
  | { type: 'cancel'; id: number; target: number }
  | { type: 'dispose'; id: number };

/** Worker → page. `error.name` is kept so an AbortError stays an AbortError. */
export type TinyLmResponse =
  | { type: 'progress'; id: number; progress: LoadProgress }
  | { type: 'loaded'; id: number; info: EngineInfo }
  | { type: 'tokens'; id: number; ids: number[] }
  | { type: 'text'; id: number; text: string }
  | { type: 'texts'; id: number; texts: string[] }
  | { type: 'bytes'; id: number; bytes: Uint8Array[] }
  | { type: 'distribution'; id: number; ids: Int32Array; logits: Float32Array; logSumExp: number }
  | { type: 'score-progress'; id: number; fraction: number }
  | { type: 'scores'; id: number; scores: TokenScore[] }
  | { type: 'trace'; id: number; trace: ForwardTrace }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; name: string; message: string };
