import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { MODEL_TYPES } from '../../lib/calc/hf-config.ts';
import { largestMatrix } from '../../lib/calc/param-count.ts';
import { bytesPerParameter, WEIGHT_FORMATS, type WeightFormat } from '../../lib/calc/precision.ts';
import { MODEL_PRESETS, type PublishedFigure } from '../../lib/calc/presets.ts';
import { formatBytes, formatBytesBinary, formatCount, formatInteger } from '../../lib/format/number.ts';
import { QuantityField } from '../../ui/QuantityField.tsx';
import { readBrowserHints } from './browser-hints.ts';
import { createModelMemoryModel, MAX_CONFIG_CHARS, MEMORY_PREFIX, MEMORY_RULES, type ConfigIssue } from './model-memory.model.ts';
import { strings } from './model-memory.strings.ts';
import { useUrlState } from '../../ui/useUrlState.ts';
import './model-memory.css';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';

/** Props the static wrapper passes in. */
export interface ModelMemoryProps {
  lang: Lang;
  initialPreset?: string;
}

type T = (typeof strings)['en'];

function issueText(issue: ConfigIssue, t: T, lang: Lang): string {
  switch (issue.kind) {
    case 'empty':
      return t.empty;
    case 'too-long':
      return t.tooLong;
    case 'too-deep':
      return t.tooDeep(issue.max);
    case 'too-many-params':
      return t.tooManyParams(formatCount(issue.total, lang));
    case 'json':
      return t.json(issue.detail);
    case 'config':
      return issue.problem === 'unknown-type' ? t['unknown-type'](issue.field, MODEL_TYPES.join(', ')) : t[issue.problem](issue.field);
  }
}

/** Parameters, file sizes, KV cache and total memory of a real model or a pasted config.json. */
function ModelMemory({ lang, initialPreset }: ModelMemoryProps) {
  const t = strings[lang];
  const model = useMemo(() => createModelMemoryModel(initialPreset), []);
  const [fileError, setFileError] = useState('');
  const [dragging, setDragging] = useState(false);

  useUrlState(model);
  useEffect(() => {
    let live = true;
    void readBrowserHints().then((h) => live && model.setHints(h));
    return () => {
      live = false;
    };
  }, []);

  async function readFile(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_CONFIG_CHARS) {
      setFileError(t.fileTooBig);
      return;
    }
    try {
      model.setConfigText(await file.text());
      setFileError('');
    } catch {
      setFileError(t.fileUnreadable);
    }
  }

  const id = (f: string) => `mem-${f}-${lang}`;
  const c = model.config.value;
  const preset = model.preset.value;
  const rows = model.rows.value;
  const chosen = model.chosen.value;

  return (
    <div class="model-memory" data-testid="model-memory">
      <div class="calc-grid">
        <div class="calc-field">
          <label for={id('preset')}>{t.preset}</label>
          <select
            id={id('preset')}
            class="calc-select"
            value={model.presetId.value ?? ''}
            onChange={(e) => model.choosePreset(e.currentTarget.value)}
          >
            {MODEL_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            <option value="">{t.custom}</option>
          </select>
        </div>
      </div>

      <div class={`calc-field model-memory-config${dragging ? ' is-dragging' : ''}`}>
        <label for={id('config')}>{t.configLabel}</label>
        <textarea
          id={id('config')}
          rows={8}
          spellcheck={false}
          aria-describedby={`${id('config')}-hint`}
          aria-invalid={c.ok ? undefined : 'true'}
          value={model.configText.value}
          onInput={(e) => model.setConfigText(e.currentTarget.value)}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void readFile(e.dataTransfer?.files[0]);
          }}
        />
        <small id={`${id('config')}-hint`} class="calc-hint">
          {t.configHint}{' '}
          <label class="model-memory-file">
            {t.openFile}
            <input type="file" accept=".json,application/json" onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
          </label>
        </small>
        {fileError && (
          <p class="calc-error" role="alert">
            {fileError}
          </p>
        )}
      </div>

      {!c.ok ? (
        <p class="calc-error" role="alert" data-testid="memory-error">
          {issueText(c.issue, t, lang)}
        </p>
      ) : (
        <>
          <p class="model-memory-total" aria-live="polite">
            {t.params}: <strong data-testid="memory-total">{formatInteger(c.params.total)}</strong> ({formatCount(c.params.total, lang)})
            {c.params.active !== null && (
              <>
                {' · '}
                {t.active}: <strong data-testid="memory-active">{formatInteger(c.params.active)}</strong> ({formatCount(c.params.active, lang)})
              </>
            )}
          </p>
          {preset && (
            <ul class="model-memory-published">
              <li>
                <a href={preset.configUrl}>{t.configSource}</a>
              </li>
              {(['total', 'nonEmbedding', 'active'] as const).map((kind) => {
                const fig: PublishedFigure | undefined = preset.published[kind];
                if (!fig) return null;
                const ours = kind === 'total' ? c.params.total : kind === 'active' ? c.params.active! : c.params.nonEmbedding;
                const ok = fig.rounding === 0 ? ours === fig.value : Math.abs(ours - fig.value) <= fig.rounding / 2;
                const label = kind === 'total' ? t.total : kind === 'active' ? t.active : t.nonEmbedding;
                return (
                  <li key={kind} data-testid={`published-${kind}`}>
                    {t.published} ({label}): {fig.rounding === 0 ? formatInteger(fig.value) : formatCount(fig.value, lang)} —{' '}
                    <a href={fig.url}>{fig.source}</a> — <strong>{ok ? `✓ ${t.matches}` : `✗ ${t.differs}`}</strong>
                    {fig.rounding !== 0 && ` ${t.rounded}`}
                  </li>
                );
              })}
            </ul>
          )}
          <div class="calc-table-wrap not-content" tabIndex={0} role="region" aria-label={t.params}>
            <table class="model-memory-breakdown">
              <thead>
                <tr>
                  <th scope="col">{t.part}</th>
                  <th scope="col" class="calc-num">
                    {t.count}
                  </th>
                </tr>
              </thead>
              <tbody>
                <Row label={t.embedding} n={c.params.embedding} lang={lang} />
                <Row label={t.attention} n={c.params.attention} lang={lang} />
                <Row
                  label={c.shape.experts > 1 ? t.mlpMoe(String(c.shape.experts), String(c.shape.expertsPerToken)) : t.mlp}
                  n={c.params.mlp}
                  lang={lang}
                />
                <Row label={t.norms} n={c.params.norms} lang={lang} />
                <Row label={c.shape.tied ? t.headTied : t.head} n={c.params.head} lang={lang} />
                <Row label={t.total} n={c.params.total} lang={lang} strong />
                <Row label={t.nonEmbedding} n={c.params.nonEmbedding} lang={lang} />
                {c.params.active !== null && <Row label={t.active} n={c.params.active} lang={lang} />}
              </tbody>
            </table>
          </div>
        </>
      )}

      <div class="calc-grid">
        <QuantityField
          id={id('context')}
          label={t.context}
          hint={t.contextHint}
          value={model.context.value}
          parsed={model.contextParsed.value}
          minText="0"
          maxText={formatCount(MEMORY_RULES.context.max, lang)}
          lang={lang}
          onInput={model.setContext}
        />
        <QuantityField
          id={id('batch')}
          label={t.batch}
          value={model.batch.value}
          parsed={model.batchParsed.value}
          minText="1"
          maxText={formatCount(MEMORY_RULES.batch.max, lang)}
          lang={lang}
          onInput={model.setBatch}
        />
        <div class="calc-field">
          <label for={id('format')}>{t.format}</label>
          <select id={id('format')} class="calc-select" value={model.format.value} onChange={(e) => model.setFormat(e.currentTarget.value)}>
            {(Object.keys(WEIGHT_FORMATS) as WeightFormat[]).map((f) => (
              <option key={f} value={f}>
                {WEIGHT_FORMATS[f].label} · {WEIGHT_FORMATS[f].bits} bit
              </option>
            ))}
          </select>
        </div>
      </div>

      {c.ok && (
        <section aria-labelledby={id('kv-title')}>
          <h4 id={id('kv-title')}>{t.kvTitle}</h4>
          <p data-testid="memory-kv-per-token">
            {t.kvLine(formatBytesBinary(model.kvPerToken.value ?? Number.NaN), String(c.shape.layers), String(c.shape.kvHeads), String(c.shape.headDim))}
          </p>
          {c.shape.kvHeads < c.shape.heads && <p class="calc-note">{t.gqa(String(c.shape.heads), String(c.shape.kvHeads))}</p>}
          {model.kvTotal.value !== null && (
            <p aria-live="polite" data-testid="memory-kv-total">
              {t.kvTotal(`${formatBytesBinary(model.kvTotal.value)} (${formatBytes(model.kvTotal.value)})`)}
            </p>
          )}
          {c.slidingWindow && <p class="calc-note">{t.slidingWindow}</p>}
        </section>
      )}

      {rows && (
        <section aria-labelledby={id('mem-title')}>
          <h4 id={id('mem-title')}>{t.memTitle}</h4>
          <div class="calc-table-wrap not-content" tabIndex={0} role="region" aria-labelledby={id('mem-title')}>
            <table class="model-memory-formats">
              <thead>
                <tr>
                  <th scope="col">
                    {t.colFormat} ({t.colBits})
                  </th>
                  <th scope="col" class="calc-num">
                    {t.colWeights}
                  </th>
                  <th scope="col" class="calc-num">
                    {t.colTotal}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.format} data-format={r.format} class={r.format === model.format.value ? 'is-chosen' : undefined}>
                    <th scope="row">
                      {WEIGHT_FORMATS[r.format].label}{' '}
                      <span class="calc-hint">
                        ({WEIGHT_FORMATS[r.format].exact ? '' : `${t.approx} `}
                        {WEIGHT_FORMATS[r.format].bits})
                      </span>
                    </th>
                    <td class="calc-num">{formatBytes(r.memory.weights)}</td>
                    <td class="calc-num">{formatBytes(r.memory.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="calc-note">{t.memNote}</p>
        </section>
      )}

      {c.ok && chosen && (
        <section aria-labelledby={id('fit-title')} data-testid="memory-fit">
          <h4 id={id('fit-title')}>{t.fitTitle}</h4>
          <p>{t.fitNeed(WEIGHT_FORMATS[chosen.format].label, `${formatBytes(chosen.memory.total)} (${formatBytesBinary(chosen.memory.total)})`)}</p>
          <FitText
            t={t}
            fit={model.fit.value}
            hints={model.hints.value}
            largest={largestMatrix(c.shape) * bytesPerParameter(chosen.format)}
          />
          <p class="calc-note">{t.gpuNote}</p>
        </section>
      )}
    </div>
  );
}

function Row({ label, n, lang, strong }: { label: string; n: number; lang: Lang; strong?: boolean }) {
  const v = `${formatInteger(n)}`;
  return (
    <tr>
      <th scope="row">{strong ? <strong>{label}</strong> : label}</th>
      <td class="calc-num" title={formatCount(n, lang)}>
        {strong ? <strong>{v}</strong> : v}
      </td>
    </tr>
  );
}

function FitText({
  t,
  fit,
  hints,
  largest,
}: {
  t: T;
  fit: ReturnType<typeof createModelMemoryModel>['fit']['value'];
  hints: ReturnType<typeof createModelMemoryModel>['hints']['value'];
  largest: number;
}) {
  if (!hints || !fit) return <p aria-live="polite">{t.fitChecking}</p>;
  const gib = String(hints.deviceMemoryGiB ?? '');
  const ram =
    fit.ram === 'unknown' ? t.ramUnknown : fit.ram === 'within' ? t.ramWithin(gib) : fit.ram === 'exceeds' ? t.ramExceeds(gib) : t.ramCapped(gib);
  let gpu = t.gpuNone;
  if (hints.gpu) {
    const limit = formatBytesBinary(Math.min(hints.gpu.maxBufferSize, hints.gpu.maxStorageBufferBindingSize));
    gpu = fit.buffer === 'exceeds' ? t.gpuExceeds(limit, formatBytesBinary(largest)) : t.gpuWithin(limit, formatBytesBinary(largest));
  }
  return (
    <ul aria-live="polite" data-testid="memory-fit-verdict">
      <li data-ram={fit.ram}>{ram}</li>
      <li data-gpu={hints.gpu ? fit.buffer : 'none'}>{gpu}</li>
    </ul>
  );
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(ModelMemory, { name: 'ModelMemory', urlPrefixes: [MEMORY_PREFIX] });
