/**
 * State of the "how big is a model file" slider. Lifecycle: created once per island mount;
 * the slider writes `log10Params`; every size is derived, never stored.
 */
import { computed, signal } from '@preact/signals';
import { weightFileBytes } from '../../lib/calc/file-size.ts';
import { PRECISIONS, type Precision } from '../../lib/calc/precision.ts';

/** Slider bounds, as powers of ten: 1 million to 1 trillion parameters. */
export const LOG_MIN = 6;
export const LOG_MAX = 12;

/** Creates the island's state, starting at `initialParams` (the seed's 8B by default). */
export function createModelSizeModel(initialParams = 8e9) {
  const log10Params = signal(Math.log10(initialParams));
  const parameters = computed(() => Math.round(10 ** log10Params.value));
  const sizes = computed(() =>
    (Object.keys(PRECISIONS) as Precision[]).map((precision) => ({
      precision,
      label: PRECISIONS[precision].label,
      bits: PRECISIONS[precision].bits,
      bytes: weightFileBytes(parameters.value, precision),
    })),
  );

  /** Moves the slider; out-of-range values are clamped so the view never shows NaN. */
  function setLog10(value: number) {
    if (!Number.isFinite(value)) return;
    log10Params.value = Math.min(LOG_MAX, Math.max(LOG_MIN, value));
  }

  return { log10Params, parameters, sizes, setLog10 };
}

/** The island's state object. */
export type ModelSizeModel = ReturnType<typeof createModelSizeModel>;
