/**
 * State of the bytes-per-token meter. Lifecycle: created per island mount with a sample text;
 * tokenizers load only when the reader first asks for a count (`count`), after which every
 * edit recounts at once. Loaders are passed in, so the state can be tested without a network.
 */
import { computed, signal } from '@preact/signals';
import { perToken, textStats } from '../../lib/calc/text-stats.ts';
import { readUrlState, writeUrlState } from '../../lib/url-state/url-state.ts';
import type { CountTokens, TokenizerId } from './tokenizers.ts';

/** Query-string prefix of this widget's keys. */
export const BPT_PREFIX = 'bpt';

/** Longest text the meter counts; encoding is synchronous, so keep the page responsive. */
export const MAX_TEXT_CHARS = 50_000;

/** The tokenizers in the order the table shows them. */
export const TOKENIZERS: readonly TokenizerId[] = ['o200k', 'cl100k', 'builtin'];

/** Where a tokenizer is in its life: not asked for, loading, usable, absent from this build, failed. */
export type TokenizerStatus = 'idle' | 'loading' | 'ready' | 'missing' | 'error';

/** Creates the state; `samples` are the texts the sample buttons put in. */
export function createBytesPerTokenModel(
  load: (id: TokenizerId) => Promise<CountTokens | null>,
  samples: { zh: string; en: string },
  initial: 'zh' | 'en',
) {
  const text = signal(samples[initial]);
  const sample = signal<'zh' | 'en' | null>(initial);
  const status = signal<Record<TokenizerId, TokenizerStatus>>({ o200k: 'idle', cl100k: 'idle', builtin: 'idle' });
  const counters = signal<Partial<Record<TokenizerId, CountTokens>>>({});
  const touched = signal(false);

  const tooLong = computed(() => text.value.length > MAX_TEXT_CHARS);
  const stats = computed(() => textStats(tooLong.value ? '' : text.value));
  const results = computed(() =>
    TOKENIZERS.map((id) => {
      const count = counters.value[id];
      const tokens = count && !tooLong.value ? count(text.value) : null;
      return { id, status: status.value[id], tokens, per: tokens === null ? null : perToken(stats.value, tokens) };
    }),
  );
  /** The value to hand to the magnitude calculator: o200k's, else the first tokenizer with one. */
  const measured = computed(() => results.value.find((r) => r.per)?.per?.bytesPerToken ?? null);

  async function count() {
    await Promise.all(
      TOKENIZERS.map(async (id) => {
        const s = status.value[id];
        if (s === 'ready' || s === 'loading' || s === 'missing') return;
        status.value = { ...status.value, [id]: 'loading' };
        try {
          const fn = await load(id);
          if (fn) counters.value = { ...counters.value, [id]: fn };
          status.value = { ...status.value, [id]: fn ? 'ready' : 'missing' };
        } catch {
          status.value = { ...status.value, [id]: 'error' };
        }
      }),
    );
  }
  function setText(value: string) {
    text.value = value;
    sample.value = null;
    touched.value = true;
  }
  function useSample(which: 'zh' | 'en') {
    text.value = samples[which];
    sample.value = which;
    touched.value = true;
  }
  /** Applies `bpt.*` keys: a sample name or a short text. */
  function loadSearch(query: string) {
    const s = readUrlState(query, BPT_PREFIX);
    if (s.sample === 'zh' || s.sample === 'en') {
      text.value = samples[s.sample];
      sample.value = s.sample;
    } else if (s.text !== undefined && s.text.length <= MAX_TEXT_CHARS) {
      text.value = s.text;
      sample.value = null;
    }
  }
  /** The query string with this widget's keys; long texts stay out of the URL. */
  function writeSearch(query: string): string {
    const own = sample.value === null && text.value.length <= 500 ? text.value : null;
    return writeUrlState(query, BPT_PREFIX, { sample: sample.value, text: own });
  }

  return { text, sample, status, touched, tooLong, stats, results, measured, count, setText, useSample, loadSearch, writeSearch };
}

/** The island's state object. */
export type BytesPerTokenModel = ReturnType<typeof createBytesPerTokenModel>;
