import { useId, useMemo, useState } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { formatBytes, formatDecimal, formatInteger } from '../../lib/format/number.ts';
import { sequenceLabelsFromText, tokenLabel } from '../../lib/format/tokens-display.ts';
import { hexRows } from '../../lib/safetensors/byte-window.ts';
import type { ValueHistogram } from '../../lib/safetensors/histogram.ts';
import { byteLevelTokenBytes } from '../../lib/tinylm/token-bytes.ts';
import { builtInEngine } from '../../engine/page.ts';
import { createInspectorModel, WINDOW_BYTES, type InspectorModel } from './weights-inspector.model.ts';
import { strings } from './weights-inspector.strings.ts';
import './weights-inspector.css';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';

/** Props the static wrapper passes in. */
export interface WeightsInspectorProps {
  lang: Lang;
  /** URL of the models folder, ending in "/". */
  modelsUrl: string;
  modelId: string;
}

type T = (typeof strings)[Lang];

const PROMPT = { zh: '法国的首都是', en: 'The capital of France is' } as const;
const SENTENCE = { zh: '法国的首都是巴黎', en: 'The capital of France is Paris' } as const;
const DEFAULT_QUERY = { zh: '巴黎', en: 'Paris' } as const;

/** Opens a .safetensors file (built-in or local) and shows its header, tensors, values and bytes. */
function WeightsInspector({ lang, modelsUrl, modelId }: WeightsInspectorProps) {
  const model = useMemo(() => createInspectorModel({ modelsUrl, modelId, engine: () => builtInEngine(modelId) }), []);
  const t = strings[lang];
  const h = model.header.value;
  const f = model.file.value;
  const err = model.error.value;

  return (
    <div class="weights-inspector" data-testid="weights-inspector">
      <div class="wi-open">
        <button type="button" onClick={() => void model.openBuiltIn()} disabled={model.busy.value}>
          {t.openBuiltIn(modelId)}
        </button>
        <label>
          {t.openLocal}
          <input
            type="file"
            accept=".safetensors,application/octet-stream"
            data-testid="wi-file"
            onChange={(e) => {
              const picked = e.currentTarget.files?.[0];
              if (picked) void model.openFile(picked);
            }}
          />
        </label>
        <p class="wi-note">{t.localNote}</p>
      </div>
      <p aria-live="polite" class="wi-status">{model.busy.value ? t.reading : ''}</p>
      {err && (
        <p role="alert" class="wi-error">
          {err.kind === 'format' ? t.notSafetensors : err.kind === 'model' ? t.modelFailed : t.fetchFailed(f?.name ?? modelId)}{' '}
          <code>{err.detail}</code>
        </p>
      )}
      {h && f && (
        <>
          <Summary model={model} t={t} />
          <TensorTable model={model} t={t} />
          <HistogramView model={model} t={t} />
          <BytesView model={model} t={t} />
          <SearchView model={model} t={t} lang={lang} />
          {f.builtIn && <ModelVsFile model={model} t={t} lang={lang} />}
        </>
      )}
    </div>
  );
}

function Summary({ model, t }: { model: InspectorModel; t: T }) {
  const h = model.header.value!;
  const f = model.file.value!;
  const meta = Object.entries(h.metadata);
  return (
    <section aria-label={t.summary}>
      <h4>{t.summary}</h4>
      <dl class="wi-summary" data-testid="wi-summary">
        <dt>{t.fileName}</dt>
        <dd>{f.name}</dd>
        <dt>{t.fileSize}</dt>
        <dd>{formatInteger(f.size)} B ({formatBytes(f.size)})</dd>
        <dt>{t.headerSize}</dt>
        <dd>{formatInteger(h.headerLength)} B</dd>
        <dt>{t.tensorCount}</dt>
        <dd>{formatInteger(h.tensors.length)}</dd>
        <dt>{t.totalParams}</dt>
        <dd data-testid="wi-total-params">{formatInteger(model.totalParams.value)}</dd>
        <dt>{t.metadata}</dt>
        <dd>
          {meta.length === 0 ? t.noMetadata : (
            <ul class="wi-meta">
              {meta.map(([k, v]) => (
                <li key={k}>
                  <code>{k}</code>: <code>{v.length > 200 ? `${v.slice(0, 200)}…` : v}</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}

function TensorTable({ model, t }: { model: InspectorModel; t: T }) {
  const h = model.header.value!;
  const selected = model.selected.value?.name;
  return (
    <section aria-label={t.tensors}>
      <h4>{t.tensors}</h4>
      <div class="wi-table-wrap" tabIndex={0} role="region" aria-label={t.tensors}>
        <table class="wi-table widget-table" data-testid="wi-tensors">
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.dtype}</th>
              <th scope="col">{t.shape}</th>
              <th scope="col">{t.params}</th>
              <th scope="col">{t.bytes}</th>
              <th scope="col"><span class="sr-only">{t.show}</span></th>
            </tr>
          </thead>
          <tbody>
            {h.tensors.map((x) => (
              <tr key={x.name} aria-current={x.name === selected ? 'true' : undefined}>
                <th scope="row"><code>{x.name}</code></th>
                <td>{x.dtype}</td>
                <td>[{x.shape.join(', ')}]</td>
                <td>{formatInteger(x.elements)}</td>
                <td>{formatInteger(x.dataOffsets[1] - x.dataOffsets[0])}</td>
                <td>
                  <button type="button" aria-label={t.showTensor(x.name)} onClick={() => void model.selectTensor(x.name)}>
                    {t.show}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function num(v: number): string {
  return Number.isFinite(v) ? formatDecimal(v, 4) : '—';
}

function HistogramView({ model, t }: { model: InspectorModel; t: T }) {
  const state = model.histogram.value;
  if (!state) return null;
  const { hist } = state;
  return (
    <section aria-label={t.histogram(state.tensor)} data-testid="wi-histogram">
      <h4>{t.histogram(state.tensor)}</h4>
      {hist ? (
        <>
          <HistogramChart hist={hist} label={summaryText(t, hist)} />
          <p aria-live="polite" data-testid="wi-hist-summary">
            {summaryText(t, hist)} {state.read < state.total ? t.histSampled(formatInteger(state.read), formatInteger(state.total)) : ''}
          </p>
        </>
      ) : (
        <p aria-live="polite">{t.cannotDecode(state.dtype)}</p>
      )}
    </section>
  );
}

function summaryText(t: T, h: ValueHistogram): string {
  return t.histSummary(formatInteger(h.count), num(h.min), num(h.max), num(h.mean), num(h.std));
}

function HistogramChart({ hist, label }: { hist: ValueHistogram; label: string }) {
  const W = 400;
  const H = 120;
  const peak = Math.max(1, ...hist.counts);
  const bw = W / hist.counts.length;
  return (
    <figure class="wi-hist-figure">
      <svg class="wi-hist" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="none">
        {hist.counts.map((c, i) => {
          const bh = (c / peak) * H;
          return <rect key={i} x={i * bw + 0.5} y={H - bh} width={Math.max(1, bw - 1)} height={bh} />;
        })}
        <line x1={0} y1={H} x2={W} y2={H} />
      </svg>
      {/* Axis labels in HTML: text inside a stretched SVG would be distorted. */}
      <div class="wi-axis" aria-hidden="true">
        <span>{num(hist.min)}</span>
        <span>{num(hist.max)}</span>
      </div>
    </figure>
  );
}

function BytesView({ model, t }: { model: InspectorModel; t: T }) {
  const bytes = model.windowBytes.value;
  const offset = model.windowOffset.value;
  const r = model.region.value;
  const values = model.windowValues.value;
  const [draft, setDraft] = useState<string | null>(null);
  const inputId = useId();
  if (!bytes) return null;
  const regionText =
    r?.kind === 'prefix' ? t.regionPrefix
    : r?.kind === 'header' ? t.regionHeader
    : r?.kind === 'tensor' ? t.regionTensor(r.tensor.name, formatInteger(r.element))
    : r?.kind === 'gap' ? t.regionGap
    : t.regionOutside;
  return (
    <section aria-label={t.bytesTitle}>
      <h4>{t.bytesTitle}</h4>
      <form
        class="wi-offset"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft !== null) void model.moveWindow(Number(draft));
          setDraft(null);
        }}
      >
        <label for={inputId}>{t.offset}</label>
        <input
          id={inputId}
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={draft ?? String(offset)}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onBlur={() => {
            if (draft !== null) void model.moveWindow(Number(draft));
            setDraft(null);
          }}
        />
        <button type="button" onClick={() => void model.moveWindow(offset - WINDOW_BYTES)} disabled={offset === 0}>
          {t.prev}
        </button>
        <button type="button" onClick={() => void model.moveWindow(offset + WINDOW_BYTES)}>
          {t.next}
        </button>
      </form>
      <p aria-live="polite" data-testid="wi-region">
        {t.region}: {regionText}
      </p>
      <pre class="wi-hex" data-testid="wi-hex" tabIndex={0}>
        {hexRows(bytes, offset)
          .map((row) => `${row.offset.toString(16).padStart(8, '0')}  ${row.hex.join(' ').padEnd(47, ' ')}  ${row.ascii}`)
          .join('\n')}
      </pre>
      {values && (
        <p class="wi-values">
          {t.decodedAs(values.tensor.dtype)}{' '}
          <code>{Array.from(values.values.subarray(0, 16), (v) => num(v)).join('  ')}{values.values.length > 16 ? ' …' : ''}</code>
        </p>
      )}
    </section>
  );
}

function SearchView({ model, t, lang }: { model: InspectorModel; t: T; lang: Lang }) {
  const [query, setQuery] = useState<string>(DEFAULT_QUERY[lang]);
  const result = model.searchResult.value;
  const progress = model.searchProgress.value;
  const id = useId();
  const run = (q: string) => {
    setQuery(q);
    void model.search(q);
  };
  return (
    <section aria-label={t.searchTitle}>
      <h4>{t.searchTitle}</h4>
      <form
        class="wi-search"
        onSubmit={(e) => {
          e.preventDefault();
          void model.search(query);
        }}
      >
        <label for={id}>{t.searchLabel}</label>
        <input id={id} type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button type="submit">{t.search}</button>
        {['巴黎', 'Paris'].map((q) => (
          <button key={q} type="button" onClick={() => run(q)}>
            {q}
          </button>
        ))}
      </form>
      <div aria-live="polite" data-testid="wi-search-result">
        {progress !== null && (
          <p>
            {t.searching(`${Math.round(progress * 100)}%`)}{' '}
            <button type="button" onClick={model.cancelSearch}>
              {t.cancel}
            </button>
          </p>
        )}
        {result && (
          <>
            <p>
              <strong>{t.searchResult(formatInteger(result.hits.length), formatInteger(result.searchedBytes))}</strong>{' '}
              {t.searchWhere(formatInteger(result.headerHits), formatInteger(result.dataHits))}
            </p>
            <p>{result.hits.length === 0 ? t.searchNone : result.dataHits === 0 ? t.searchHeaderOnly : t.searchDataHit}</p>
          </>
        )}
      </div>
    </section>
  );
}

function ModelVsFile({ model, t, lang }: { model: InspectorModel; t: T; lang: Lang }) {
  const answer = model.answer.value;
  const state = model.answerState.value;
  const query = model.searchResult.value?.query || DEFAULT_QUERY[lang];
  const vocab = model.searchVocabulary(query);
  const sentence = SENTENCE[lang];
  const sentenceInVocab = model.searchVocabulary(sentence)?.exact;
  const pieces = model.sentencePieces.value;
  return (
    <section aria-label={t.tokenizerTitle} class="wi-compare">
      <div>
        <p>{t.modelSays(PROMPT[lang])}</p>
        {state === 'idle' && (
          <button type="button" onClick={() => void model.askModel(PROMPT[lang], sentence)}>
            {t.askModel}
          </button>
        )}
        <p aria-live="polite" data-testid="wi-model-answer">
          {state === 'loading' && t.modelLoading}
          {answer && (
            <>
              {t.modelTop}{' '}
              {answer.top.map((c, i) => (
                <span key={i} class="wi-token">
                  <code>{tokenLabel(c.token)}</code> {formatDecimal(c.prob * 100, 3)}%
                </span>
              ))}
            </>
          )}
        </p>
      </div>
      <div>
        <h4>{t.tokenizerTitle}</h4>
        <p>{t.tokenizerIntro}</p>
        {vocab && (
          <div data-testid="wi-vocab">
            <p>{t.vocabHits(query, formatInteger(vocab.total))}</p>
            <p class="wi-pieces">
              {vocab.containing.map((e) => (
                <span key={e.id} class="wi-token">
                  <code>{tokenLabel(e.text, byteLevelTokenBytes(e.stored))}</code> #{e.id}
                </span>
              ))}
            </p>
            <p>{vocab.exact ? t.vocabExact(String(vocab.exact.id)) : t.vocabNoExact}</p>
            <p>
              <strong>{t.sentenceTitle(sentence)}</strong> {sentenceInVocab ? t.sentenceYes : t.sentenceNo}
            </p>
            {!sentenceInVocab && pieces && (
              <p class="wi-pieces" data-testid="wi-sentence-pieces">
                {sequenceLabelsFromText(sentence, pieces).map((p, i) => (
                  <span key={i} class="wi-token">
                    <code>{p}</code>
                  </span>
                ))}
              </p>
            )}
            <p class="wi-note">{t.sentenceNote}</p>
          </div>
        )}
      </div>
    </section>
  );
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(WeightsInspector, { name: 'WeightsInspector' });
