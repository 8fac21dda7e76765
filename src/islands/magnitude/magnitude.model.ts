/**
 * State of the orders-of-magnitude calculator. Lifecycle: created once per island mount with the
 * seed's defaults; `loadSearch` then applies the page URL's `mag.*` keys; every edit goes
 * through an action, and `search` derives the query string the island writes back.
 * Fields hold what the reader typed; numbers are derived, so a typo shows a message, not NaN.
 */
import { computed, signal } from '@preact/signals';
import { computeMagnitude, SEED_MAGNITUDE, type Magnitude } from '../../lib/calc/magnitude.ts';
import { isWeightFormat, type WeightFormat } from '../../lib/calc/precision.ts';
import { MAX_PARAMETERS } from '../../lib/calc/file-size.ts';
import { MAX_BYTES_PER_TOKEN, MAX_TOKENS, MIN_BYTES_PER_TOKEN } from '../../lib/calc/training-data.ts';
import { parseQuantity, type ParsedQuantity, type QuantityRules } from '../../lib/format/parse-quantity.ts';
import { readUrlState, writeUrlState } from '../../lib/url-state/url-state.ts';
import { BYTES_PER_TOKEN_EVENT, MAGNITUDE_PREFIX } from '../../ui/page-events.ts';

export { BYTES_PER_TOKEN_EVENT, MAGNITUDE_PREFIX };

/** Bounds of each field. */
export const MAGNITUDE_RULES = {
  tokens: { min: 1e6, max: MAX_TOKENS },
  lo: { min: MIN_BYTES_PER_TOKEN, max: MAX_BYTES_PER_TOKEN },
  hi: { min: MIN_BYTES_PER_TOKEN, max: MAX_BYTES_PER_TOKEN },
  params: { min: 1e3, max: MAX_PARAMETERS },
} satisfies Record<string, QuantityRules>;

/** A field of the calculator. */
export type MagnitudeField = keyof typeof MAGNITUDE_RULES;

/** Creates the state; `defaults` are the fields' starting text, written in the page's language. */
export function createMagnitudeModel(defaults: Record<MagnitudeField, string>) {
  const fields = {
    tokens: signal(defaults.tokens),
    lo: signal(defaults.lo),
    hi: signal(defaults.hi),
    params: signal(defaults.params),
  };
  const format = signal<WeightFormat>(SEED_MAGNITUDE.format);
  const parsed = computed(
    () =>
      Object.fromEntries(
        (Object.keys(fields) as MagnitudeField[]).map((k) => [k, parseQuantity(fields[k].value, MAGNITUDE_RULES[k])]),
      ) as Record<MagnitudeField, ParsedQuantity>,
  );
  const result = computed<Magnitude | null>(() => {
    const p = parsed.value;
    if (!p.tokens.ok || !p.lo.ok || !p.hi.ok || !p.params.ok) return null;
    return computeMagnitude({
      tokens: p.tokens.value,
      bytesPerTokenLow: p.lo.value,
      bytesPerTokenHigh: p.hi.value,
      parameters: p.params.value,
      format: format.value,
    });
  });
  /** Whether the reader changed anything, so an untouched widget leaves the URL clean. */
  const touched = signal(false);
  const search = computed(() => ({
    tokens: fields.tokens.value,
    lo: fields.lo.value,
    hi: fields.hi.value,
    params: fields.params.value,
    fmt: format.value,
  }));

  function setField(name: MagnitudeField, value: string) {
    fields[name].value = value.slice(0, 64);
    touched.value = true;
  }
  function setFormat(value: string) {
    if (isWeightFormat(value)) {
      format.value = value;
      touched.value = true;
    }
  }
  /** Both ends of the bytes-per-token range set to one measured value. */
  function useMeasuredBytesPerToken(value: number) {
    if (!Number.isFinite(value) || value <= 0) return;
    const text = String(Number(value.toPrecision(3)));
    fields.lo.value = text;
    fields.hi.value = text;
    touched.value = true;
  }
  /** Applies `mag.*` keys from a query string; unknown formats are ignored. */
  function loadSearch(query: string) {
    const state = readUrlState(query, MAGNITUDE_PREFIX);
    for (const k of Object.keys(fields) as MagnitudeField[]) {
      const v = state[k];
      if (v !== undefined) fields[k].value = v.slice(0, 64);
    }
    if (state.fmt && isWeightFormat(state.fmt)) format.value = state.fmt;
  }
  /** The query string with this widget's keys updated. */
  function writeSearch(query: string): string {
    return writeUrlState(query, MAGNITUDE_PREFIX, search.value);
  }

  return { fields, format, parsed, result, touched, setField, setFormat, useMeasuredBytesPerToken, loadSearch, writeSearch };
}

/** The island's state object. */
export type MagnitudeModel = ReturnType<typeof createMagnitudeModel>;
