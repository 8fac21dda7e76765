/**
 * State of the lossy-compression lab. Lifecycle: created once per island mount. The photo side
 * holds a quality and the latest JPEG the browser produced for it (the view encodes; the model
 * keeps the result and drops stale ones). The model side loads index.json and each model's
 * eval.json on mount; `measureDivergence` runs every model over a sample text on demand.
 */
import { computed, signal } from '@preact/signals';
import type { Engine } from '../../lib/engine/types.ts';
import { distributionsAlong, meanKlBits } from './divergence.ts';
import { readFactRecall, type FactRecall } from '../../lib/data/eval-file.ts';
import { referencesByRegime, regimeOf } from './findings.ts';

/** One built-in model as the lab shows it. */
export interface LabModel {
  id: string;
  params: number;
  dtype: string;
  bytes: number;
  recall: FactRecall | null;
  /** KL(largest of its regime ‖ this) in bits per token, once measured. */
  divergence: number | null;
}

/** Dependencies: the model list, each eval.json, and engines by id. */
export interface LossyLabDeps {
  modelIndex: () => Promise<{ id: string; params: number; dtype: string; bytes: number }[]>;
  evalJson: (id: string) => Promise<unknown>;
  engine: (id: string) => Promise<Engine>;
  /**
   * Text both regimes were trained on (the hand-written corpus), whose next-token predictions are
   * compared: on text no model has seen, "blurrier" would measure nothing a model kept.
   */
  trainingText: () => Promise<string>;
}

/** Characters of the training text tokenized for the divergence (more than one context window). */
const SAMPLE_CHARS = 2000;

/** Creates the lab's state. */
export function createLossyLabModel(deps: LossyLabDeps) {
  const quality = signal(0.5);
  const jpeg = signal<{ quality: number; url: string; bytes: number } | null>(null);
  const encoding = signal(false);
  const models = signal<LabModel[] | null>(null);
  const modelsError = signal<string | null>(null);
  const selected = signal<string | null>(null);
  const divergencePhase = signal<'idle' | 'running' | 'done' | 'error'>('idle');
  const divergenceProgress = signal<{ done: number; total: number } | null>(null);
  /** The reference of each regime: its largest model (tiny-* and rich-* read different corpora). */
  const references = computed(() => (models.value ? referencesByRegime(models.value) : new Map<string, LabModel>()));

  void (async () => {
    try {
      const index = await deps.modelIndex();
      const rows = await Promise.all(
        index.map(async (m) => ({
          ...m,
          recall: await deps.evalJson(m.id).then(readFactRecall, () => null),
          divergence: null,
        })),
      );
      models.value = rows.sort((a, b) => a.bytes - b.bytes);
    } catch (e) {
      modelsError.value = e instanceof Error ? e.message : String(e);
    }
  })();

  /** Moves the quality slider; the view re-encodes. */
  function setQuality(q: number) {
    if (Number.isFinite(q)) quality.value = Math.min(1, Math.max(0.01, q));
  }

  /** Keeps a freshly encoded JPEG if it still matches the slider; returns false when stale. */
  function acceptJpeg(q: number, blob: Blob): boolean {
    if (q !== quality.value) return false;
    if (jpeg.value) URL.revokeObjectURL(jpeg.value.url);
    jpeg.value = { quality: q, url: URL.createObjectURL(blob), bytes: blob.size };
    return true;
  }

  /** Runs every model over the start of the training text and measures its KL divergence from its regime's largest. */
  async function measureDivergence(): Promise<void> {
    const list = models.value;
    if (!list || divergencePhase.value === 'running') return;
    divergencePhase.value = 'running';
    divergenceProgress.value = { done: 0, total: list.length };
    try {
      // The first few thousand characters are plenty: the text is cut to one context window.
      const text = (await deps.trainingText()).slice(0, SAMPLE_CHARS);
      let done = 0;
      for (const [regime, ref] of references.value) {
        const refEngine = await deps.engine(ref.id);
        const info = await refEngine.load();
        const ids = (await refEngine.tokenize(text)).slice(0, info.contextLength);
        const reference = await distributionsAlong(refEngine, ids, info.vocabSize);
        for (const m of list.filter((x) => regimeOf(x.id) === regime)) {
          let kl = 0;
          if (m.id !== ref.id) {
            const engine = await deps.engine(m.id);
            const mInfo = await engine.load();
            kl = meanKlBits(reference, await distributionsAlong(engine, ids, Math.max(info.vocabSize, mInfo.vocabSize)));
          }
          divergenceProgress.value = { done: ++done, total: list.length };
          models.value = models.value!.map((x) => (x.id === m.id ? { ...x, divergence: kl } : x));
        }
      }
      divergencePhase.value = 'done';
    } catch (e) {
      modelsError.value = e instanceof Error ? e.message : String(e);
      divergencePhase.value = 'error';
    } finally {
      divergenceProgress.value = null;
    }
  }

  return {
    quality,
    jpeg,
    encoding,
    models,
    modelsError,
    selected,
    references,
    divergencePhase,
    divergenceProgress,
    setQuality,
    acceptJpeg,
    select: (id: string | null) => {
      selected.value = id;
    },
    measureDivergence,
  };
}

/** The lab's state object. */
export type LossyLabModel = ReturnType<typeof createLossyLabModel>;
