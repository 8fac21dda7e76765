/**
 * Loading one WebLLM model, as signals a view can show: status, progress, failure. Shared by the
 * panel and the base-vs-instruct view. Lifecycle: one loader per slot; `load` replaces the slot's
 * engine when the variant changes; `cancel` ends the worker; a worker that died is replaced on the
 * next `load`, and cached files make that reload quick.
 */
import { signal } from '@preact/signals';
import type { EngineInfo } from '../../lib/engine/types.ts';
import { classifyError, engineGone, toErrorData, type Failure } from '../../lib/webllm/errors.ts';
import { modelRecord, type Hosts } from '../../lib/webllm/hosts.ts';
import type { ModelVariant, WebLLMModel } from '../../lib/webllm/models.ts';
import type { ParsedProgress } from '../../lib/webllm/progress.ts';
import { WebLLMEngine, WebLLMError } from '../../workers/webllm-client.ts';

/** Where a slot stands. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

/** A loaded model with its engine. */
export interface LoadedSlot {
  engine: WebLLMEngine;
  model: WebLLMModel;
  variant: ModelVariant;
  info: EngineInfo;
}

/** Any thrown value as a classified failure. */
export function asFailure(error: unknown): Failure {
  return error instanceof WebLLMError ? error.failure : classifyError(toErrorData(error));
}

/** Creates a loader slot. `hosts` is read at load time (it needs `window`). */
export function createModelLoader(hosts: () => Hosts) {
  const status = signal<LoadStatus>('idle');
  const progress = signal<ParsedProgress | null>(null);
  const failure = signal<Failure | null>(null);
  const loaded = signal<LoadedSlot | null>(null);
  let engine: WebLLMEngine | null = null;

  /** Loads `variant`; resolves with the slot, or null after a failure (then `failure` says why). */
  async function load(model: WebLLMModel, variant: ModelVariant, expectedBytes?: number): Promise<LoadedSlot | null> {
    const record = modelRecord(model, variant, hosts());
    if (engine && engine.record.model_id !== record.model_id) {
      const old = engine;
      engine = null;
      loaded.value = null;
      await old.dispose();
    }
    const mine = (engine ??= new WebLLMEngine({
      record,
      parameters: model.parameters,
      ...(model.bos === undefined ? {} : { bos: model.bos }),
    }));
    status.value = 'loading';
    failure.value = null;
    progress.value = { phase: 'download', fraction: 0, loadedBytes: 0 };
    try {
      const info = await mine.load((p) => {
        if (engine === mine) progress.value = p;
      }, expectedBytes);
      const slot: LoadedSlot = { engine: mine, model, variant, info };
      loaded.value = slot;
      status.value = 'ready';
      return slot;
    } catch (error) {
      if (engine !== mine) return null;
      loaded.value = null;
      failure.value = asFailure(error);
      status.value = 'failed';
      return null;
    } finally {
      progress.value = null;
    }
  }

  /** Stops a running download at once. */
  function cancel(): void {
    engine?.cancelLoad();
  }

  /** Frees the GPU memory; the slot can load again. */
  async function unload(): Promise<void> {
    const old = engine;
    engine = null;
    loaded.value = null;
    status.value = 'idle';
    await old?.dispose();
  }

  /** Records a failure that happened while using the model (device lost, worker died). */
  function fail(error: unknown): Failure {
    const f = asFailure(error);
    failure.value = f;
    status.value = 'failed';
    if (engineGone(f.code)) {
      // The engine is unusable; drop it so the next load starts a fresh worker and GPU device.
      const old = engine;
      engine = null;
      loaded.value = null;
      void old?.dispose().catch(() => undefined);
    }
    return f;
  }

  return { status, progress, failure, loaded, load, cancel, unload, fail };
}

/** A loader slot. */
export type ModelLoader = ReturnType<typeof createModelLoader>;
