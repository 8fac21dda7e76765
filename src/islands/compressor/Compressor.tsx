import { useId, useMemo } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { formatDecimal, formatInteger } from '../../lib/format/number.ts';
import { createCompressorModel } from './compressor.model.ts';
import { strings } from './compressor.strings.ts';
import './compressor.css';
import { fetchJson } from '../../lib/fetch-json.ts';
import { corpusManifestSchema } from '../../lib/data/schemas.ts';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';

/** Props the static wrapper passes in. */
export interface CompressorProps {
  lang: Lang;
  modelId: string;
  /** URL of public/corpus/manifest.json. */
  manifestUrl: string;
}

/** Encodes a text with the built-in model and arithmetic coding, decodes it back, and compares with gzip. */
function Compressor({ lang, modelId, manifestUrl }: CompressorProps) {
  const model = useMemo(
    () =>
      createCompressorModel(
        {
          modelId,
          // Its own engine: another widget sharing the worker could move the KV cache between
          // encode and decode, and bit-exact decoding needs the same arithmetic both times.
          engine: () => import('../../workers/tinylm-client.ts').then((m) => m.createTinyLmEngine(modelId, m.modelsBaseUrl())),
          manifest: () => fetchJson(manifestUrl, corpusManifestSchema),
        },
        lang,
      ),
    [],
  );
  const t = strings[lang];
  const presetSelect = useId();
  const textArea = useId();
  const r = model.report.value;
  const phase = model.phase.value;
  const { done, total } = model.progress.value;
  const bpb = (bytes: number) => (r && r.inputBytes ? formatDecimal((bytes * 8) / r.inputBytes, 3) : '—');

  return (
    <div class="compressor" data-testid="compressor">
      <p class="compressor-intro">{t.intro}</p>
      <label for={presetSelect}>{t.preset}</label>
      <select id={presetSelect} value={model.presetId.value} onChange={(e) => model.choosePreset(e.currentTarget.value)}>
        {model.presets.value.map((p) => (
          <option key={p.id} value={p.id}>
            {p.repetitions > 0 ? t.presetTraining(p.title, String(p.repetitions)) : `${t.presetNew}: ${p.title}`}
          </option>
        ))}
        <option value="">{t.presetCustom}</option>
      </select>
      <label for={textArea}>{t.textLabel}</label>
      <textarea id={textArea} rows={6} value={model.text.value} onInput={(e) => model.setText(e.currentTarget.value)} />
      <div class="compressor-actions">
        <button type="button" onClick={() => void model.run()} disabled={model.busy.value}>
          {t.compress}
        </button>
        {model.busy.value && (
          <button type="button" onClick={model.cancel}>
            {t.cancel}
          </button>
        )}
      </div>
      <p aria-live="polite" class="compressor-status" data-testid="compressor-status">
        {phase === 'loading' && t.loading}
        {phase === 'encoding' && t.encoding(formatInteger(done), formatInteger(total))}
        {phase === 'decoding' && t.decoding(formatInteger(done), formatInteger(total))}
      </p>
      {phase === 'error' && (
        <p role="alert" class="compressor-error">
          {t.failed} <code>{model.error.value}</code>
        </p>
      )}
      <div aria-live="polite">
        {r && (
          <>
            <div class="compressor-table-wrap" tabIndex={0} role="region" aria-label={t.results}>
              <table class="compressor-table widget-table" data-testid="compressor-results">
                <caption>{t.results}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.what}</th>
                    <th scope="col">{t.size}</th>
                    <th scope="col">{t.bitsPerByte}</th>
                  </tr>
                </thead>
                <tbody>
                  <tr data-row="original" data-bytes={r.inputBytes}>
                    <th scope="row">{t.original}</th>
                    <td>{t.bytes(formatInteger(r.inputBytes))}</td>
                    <td>8</td>
                  </tr>
                  <tr data-row="gzip" data-bytes={r.gzipBytes ?? undefined}>
                    <th scope="row">{t.gzip}</th>
                    <td>{r.gzipBytes === null ? '—' : t.bytes(formatInteger(r.gzipBytes))}</td>
                    <td>{r.gzipBytes === null ? '—' : bpb(r.gzipBytes)}</td>
                  </tr>
                  <tr data-row="model" data-bytes={r.modelBytes}>
                    <th scope="row">{t.modelCoded(modelId)}</th>
                    <td>
                      <output data-testid="compressor-model-bytes">{t.bytes(formatInteger(r.modelBytes))}</output>{' '}
                      <span class="compressor-note">{t.modelCodedNote(formatInteger(r.headerBytes))}</span>
                    </td>
                    <td>{bpb(r.modelBytes)}</td>
                  </tr>
                  {!r.stored && (
                    <tr data-row="bits">
                      <th scope="row">{t.modelBits}</th>
                      <td>
                        {t.bits(formatDecimal(r.modelBits, 4))} · {t.tokens(formatInteger(r.tokens))}
                      </td>
                      <td>{r.inputBytes ? formatDecimal(r.modelBits / r.inputBytes, 3) : '—'}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
            {r.storedBecause === 'untokenizable' && <p data-testid="compressor-stored">{t.stored}</p>}
            {r.storedBecause === 'expands' && (
              <p data-testid="compressor-stored">{t.storedExpands(formatInteger(Math.ceil(r.modelBits)), formatInteger(r.inputBytes * 8))}</p>
            )}
            <p data-testid="compressor-roundtrip" class={r.roundTrip ? 'compressor-ok' : 'compressor-error'}>
              {r.roundTrip ? t.roundTripOk : t.roundTripBad}
            </p>
          </>
        )}
      </div>
      <p class="compressor-note">{t.lesson}</p>
    </div>
  );
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(Compressor, { name: 'Compressor' });
