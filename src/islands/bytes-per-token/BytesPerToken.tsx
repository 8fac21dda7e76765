import { useMemo, useState } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { formatDecimal, formatInteger } from '../../lib/format/number.ts';
import { writeUrlState } from '../../lib/url-state/url-state.ts';
import { BYTES_PER_TOKEN_EVENT, MAGNITUDE_PREFIX } from '../../ui/page-events.ts';
import { BPT_PREFIX, createBytesPerTokenModel, MAX_TEXT_CHARS } from './bytes-per-token.model.ts';
import { SAMPLES, strings } from './bytes-per-token.strings.ts';
import { loadTokenizer } from './tokenizers.ts';
import { replaceSearch, useUrlState } from '../../ui/useUrlState.ts';
import './bytes-per-token.css';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';

/** Props the static wrapper passes in. */
export interface BytesPerTokenProps {
  lang: Lang;
  /** The built-in model's tokenizer.json relative to the site root, or null if this build has none (checked at build time). */
  builtinTokenizer?: string | null;
}

/** Paste text → tokens, bytes and characters per token under real tokenizers and our own. */
function BytesPerToken({ lang, builtinTokenizer = null }: BytesPerTokenProps) {
  const t = strings[lang];
  const model = useMemo(() => createBytesPerTokenModel((id) => loadTokenizer(id, builtinTokenizer), SAMPLES, lang), []);
  const [fed, setFed] = useState('');

  useUrlState(model);

  const id = `bpt-text-${lang}`;
  const stats = model.stats.value;
  const statuses = Object.values(model.status.value);
  const loading = statuses.includes('loading');
  const anyLoaded = statuses.some((s) => s !== 'idle');
  const measured = model.measured.value;
  const share = stats.cjkShare;

  function feed() {
    if (measured === null) return;
    const v = Number(measured.toPrecision(3));
    // Written to the URL too, so the value survives a reload or a link to the calculator.
    const next = writeUrlState(location.search, MAGNITUDE_PREFIX, { lo: v, hi: v });
    replaceSearch(next);
    window.dispatchEvent(new CustomEvent(BYTES_PER_TOKEN_EVENT, { detail: { bytesPerToken: v } }));
    setFed(t.fed(formatDecimal(v)));
  }

  return (
    <div class="bytes-per-token" data-testid="bytes-per-token">
      <div class="calc-field">
        <label for={id}>{t.text}</label>
        <textarea
          id={id}
          rows={5}
          aria-describedby={`${id}-hint`}
          aria-invalid={model.tooLong.value ? 'true' : undefined}
          value={model.text.value}
          onInput={(e) => model.setText(e.currentTarget.value)}
        />
        <small id={`${id}-hint`} class="calc-hint">
          {t.textHint}
        </small>
      </div>
      <div class="bytes-per-token-actions">
        <button type="button" class="calc-button" onClick={() => model.useSample('zh')} aria-pressed={model.sample.value === 'zh'}>
          {t.sampleZh}
        </button>
        <button type="button" class="calc-button" onClick={() => model.useSample('en')} aria-pressed={model.sample.value === 'en'}>
          {t.sampleEn}
        </button>
        <button type="button" class="calc-button" onClick={() => void model.count()} disabled={loading}>
          {t.count}
        </button>
      </div>

      <div aria-live="polite">
        {model.tooLong.value ? (
          <p class="calc-error" role="alert">
            {t.tooLong(formatInteger(MAX_TEXT_CHARS))}
          </p>
        ) : stats.chars === 0 ? (
          <p class="calc-error">{t.empty}</p>
        ) : (
          <p data-testid="bpt-stats">
            {t.stats(formatInteger(stats.chars), formatInteger(stats.bytes), `${Math.round(share * 100)}%`)}{' '}
            {share > 0.7 ? t.mostlyZh : share < 0.3 ? t.mostlyEn : t.mixed}
          </p>
        )}
        {loading && <p class="calc-note">{t.loading}</p>}
      </div>

      <div class="calc-table-wrap not-content" tabIndex={0} role="region" aria-label={t.title}>
        <table class="bytes-per-token-table">
          <thead>
            <tr>
              <th scope="col">{t.colTokenizer}</th>
              <th scope="col" class="calc-num">
                {t.colTokens}
              </th>
              <th scope="col" class="calc-num">
                {t.colBytes}
              </th>
              <th scope="col" class="calc-num">
                {t.colChars}
              </th>
            </tr>
          </thead>
          <tbody>
            {model.results.value.map((r) => (
              <tr key={r.id} data-tokenizer={r.id} data-status={r.status}>
                <th scope="row">{t[r.id]}</th>
                {r.tokens !== null ? (
                  <>
                    <td class="calc-num" data-testid={`bpt-tokens-${r.id}`}>
                      {formatInteger(r.tokens)}
                    </td>
                    <td class="calc-num" data-testid={`bpt-bytes-${r.id}`}>
                      {r.per ? formatDecimal(r.per.bytesPerToken) : '—'}
                    </td>
                    <td class="calc-num">{r.per ? formatDecimal(r.per.charsPerToken) : '—'}</td>
                  </>
                ) : (
                  <td colSpan={3} class="calc-note">
                    {r.status === 'loading' ? t.loading : r.status === 'missing' ? t.missing : r.status === 'error' ? t.error : t.idle}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {anyLoaded && measured !== null && (
        <p>
          <button type="button" class="calc-button" onClick={feed} data-testid="bpt-feed">
            {t.feed(formatDecimal(measured))}
          </button>
        </p>
      )}
      <p class="calc-note" aria-live="polite">
        {fed}
      </p>
      <p class="calc-note">{t.note}</p>
    </div>
  );
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(BytesPerToken, { name: 'BytesPerToken', urlPrefixes: [BPT_PREFIX] });
