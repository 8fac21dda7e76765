/**
 * What the WebLLM stub worker (worker.ts) is told to be: a fake model behind the real worker
 * handler. Shared by the worker (browser side) and stub.ts (which bundles it for a test).
 */
import type { ErrorData } from '../../../src/lib/webllm/errors.ts';

/** A fake model: a word tokenizer and canned answers, over a vocabulary of `vocabSize` tokens. */
export interface StubModel {
  vocabSize: number;
  /** The tokenizer numbers pieces of text from here, in the order it first meets them. */
  firstId: number;
  /**
   * Every next-token answer: these pieces with these logits, and every other token of the
   * vocabulary at one logit chosen so that together they make `log Σ exp` = `restLogSumExp`.
   */
  next: { top: [piece: string, logit: number][]; restLogSumExp: number };
  /** What a raw completion streams, and why it ends. */
  completion: { text: string; finishReason: string };
  /** What a chat answer streams (after the template, ChatML as Qwen's). */
  chatAnswer: string;
}

/** The whole stub: the model and the failures to play. */
export interface StubConfig {
  model: StubModel;
  /** Every load fails with this error. */
  failLoad?: ErrorData;
  /** The first forward pass after a load fails with this error (a GPU lost after the load). */
  failNext?: ErrorData;
}

/** The global the bundled worker reads its config from (stub.ts sets it before the bundle runs). */
export const CONFIG_GLOBAL = '__webllmStubConfig';
