/**
 * The real model the reader loaded on this page, shared between islands: the panel sets it, the
 * playground's engine switch reads it. One module instance per page, so one model in GPU memory:
 * the islands are separate entries, but the bundler puts a module both import in one shared chunk
 * (dist/_astro/real-model.*.js, imported by the Playground and WebLLMPanel chunks), and the
 * browser evaluates a module URL once per page. tests/e2e/playground-engine-switch.spec.ts fails
 * if that ever stops holding. Keep this file free of runtime imports beyond @preact/signals: the
 * playground's shell imports it, and WebLLM must stay inside its worker.
 */
import { signal } from '@preact/signals';
import type { ModelVariant, WebLLMModel } from '../lib/webllm/models.ts';
import type { WebLLMEngine } from '../workers/webllm-client.ts';

/** A loaded WebLLM model and what it is. */
export interface ActiveRealModel {
  engine: WebLLMEngine;
  model: WebLLMModel;
  variant: ModelVariant;
}

/** The loaded real base model, or null while none is loaded (widgets then use the built-in model). */
export const activeRealModel = signal<ActiveRealModel | null>(null);
