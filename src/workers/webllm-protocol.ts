/**
 * Messages between the page and the WebLLM worker. `type` fixes the payload, so neither side casts.
 * Every request carries `id`; every reply to it carries the same `id`. Only small data crosses:
 * token ids, text, and the top candidates of a distribution (never a full vocabulary).
 */
import type { EngineInfo } from '../lib/engine/types.ts';
import type { ErrorData } from '../lib/webllm/errors.ts';
import type { ModelRecordData } from '../lib/webllm/hosts.ts';
import type { InitReport } from '../lib/webllm/progress.ts';

/** Sampling settings for free generation. */
export interface GenerationOptions {
  maxTokens: number;
  temperature: number;
  /** Seed for WebLLM's sampler, so a reader can reproduce a run. */
  seed?: number;
}

/**
 * Sampling with nothing but temperature: WebLLM otherwise takes top_p and the repetition,
 * frequency and presence penalties from the model's mlc-chat-config.json, which silently reshapes
 * what a base model would write. 0.2.86 reads each of these from the request when present.
 */
export const NEUTRAL_SAMPLING = {
  top_p: 1,
  repetition_penalty: 1,
  frequency_penalty: 0,
  presence_penalty: 0,
} as const;

/** The sampling fields of a raw completion request to WebLLM. */
export function completionSampling(options: GenerationOptions) {
  return {
    ...NEUTRAL_SAMPLING,
    max_tokens: options.maxTokens,
    temperature: options.temperature,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
}

/** One piece of a chat-templated prompt, exactly as the engine tokenized it. */
export interface TemplateSegment {
  text: string;
  ids: number[];
  /** The text of each token alone, for the X-ray. */
  tokens: string[];
}

/** Page → worker. */
export type WebLLMRequest =
  /** `bos`: text of a BOS token the worker puts, unseen by the reader, before every prompt. */
  | { type: 'load'; id: number; record: ModelRecordData; parameters: number; bos?: string }
  | { type: 'tokenize'; id: number; text: string }
  | { type: 'detokenize'; id: number; ids: number[] }
  | { type: 'token-texts'; id: number; ids: number[] }
  | { type: 'next'; id: number; ids: number[]; topK: number; targets?: number[] }
  | { type: 'complete'; id: number; prompt: string; options: GenerationOptions }
  | { type: 'chat'; id: number; user: string; options: GenerationOptions }
  | { type: 'stop'; id: number }
  | { type: 'unload'; id: number };

/** The logit and rank of a token the page asked about. */
export interface TargetLogit {
  id: number;
  logit: number;
  rank: number;
}

/** Worker → page. */
export type WebLLMResponse =
  | { type: 'progress'; id: number; report: InitReport }
  /** Bytes of one file received so far (our own count, finer than WebLLM's per-shard reports). */
  | { type: 'download'; id: number; url: string; loaded: number; total: number | null }
  | { type: 'loaded'; id: number; info: EngineInfo }
  | { type: 'tokens'; id: number; ids: number[] }
  | { type: 'text'; id: number; text: string }
  | { type: 'texts'; id: number; texts: string[] }
  | {
      type: 'distribution';
      id: number;
      ids: Int32Array;
      logits: Float32Array;
      logSumExp: number;
      targets: TargetLogit[];
    }
  | { type: 'template'; id: number; prefix: TemplateSegment; segments: TemplateSegment[] }
  | { type: 'delta'; id: number; text: string }
  | { type: 'done'; id: number; finishReason: string }
  | { type: 'error'; id: number; error: ErrorData };
