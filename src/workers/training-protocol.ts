/**
 * Messages between the training lab and its worker. `type` fixes the payload, so neither side
 * casts. Every request carries `id`; replies to it carry the same `id`. A `start` request stays
 * open for the whole run: its `step`, `sample` and `heatmap` replies stream until `finished`.
 */
import type { BackendName, LabSize } from '../lib/train/browser-lab-config.ts';

/** What the worker holds of the reader's text, measured from its own state. */
export interface HeldText {
  /** UTF-8 bytes of text the worker keeps (it never keeps the string itself: always 0). */
  textBytes: number;
  /** Tokens of the text the worker keeps (0 once the books are taken away). */
  tokens: number;
}

/** Why a request failed, for a message in the reader's language; `message` has the details. */
export type TrainingErrorCode = 'text-too-short' | 'no-backend' | 'no-model' | 'busy' | 'empty-prompt' | 'failed';

/** Page → worker. */
export type TrainingRequest =
  | { type: 'start'; id: number; text: string; seed: number; size: LabSize; backend: BackendName | 'auto'; tokenizerUrl: string | null }
  | { type: 'pause'; id: number }
  | { type: 'resume'; id: number }
  | { type: 'stop'; id: number }
  | { type: 'forget'; id: number }
  | { type: 'held'; id: number }
  | { type: 'exam'; id: number; prompt: string; maxTokens: number; temperature: number; seed: number }
  | { type: 'export'; id: number }
  | { type: 'dispose'; id: number };

/** A run has begun: what it trains, on what. */
export interface RunInfo {
  backend: BackendName;
  tokenizer: 'bpe' | 'bytes';
  vocabSize: number;
  params: number;
  weightBytes: number;
  textBytes: number;
  tokens: number;
  steps: number;
  tokensPerStep: number;
  seed: number;
}

/** Worker → page. */
export type TrainingResponse =
  | { type: 'loading'; id: number; stage: 'tokenizer' | 'tfjs' | 'model' }
  | { type: 'started'; id: number; info: RunInfo }
  | { type: 'step'; id: number; step: number; loss: number; lr: number; tokensSeen: number; stepsPerSecond: number }
  | { type: 'sample'; id: number; step: number; prompt: string; text: string }
  | { type: 'heatmap'; id: number; step: number; name: string; rows: number; cols: number; values: Float32Array }
  | { type: 'finished'; id: number; step: number; reason: 'done' | 'stopped' }
  | { type: 'held'; id: number; held: HeldText; weightBytes: number }
  | { type: 'answer'; id: number; prompt: string; continuation: string; tokens: number }
  | { type: 'weights'; id: number; file: Uint8Array; fileName: string }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; code: TrainingErrorCode; message: string };
