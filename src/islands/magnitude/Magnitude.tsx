import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { EVERYDAY_SIZES } from '../../lib/calc/everyday-sizes.ts';
import { WEIGHT_FORMATS, type WeightFormat } from '../../lib/calc/precision.ts';
import { formatBytes, formatCount, formatDecimal } from '../../lib/format/number.ts';
import { BYTES_PER_TOKEN_EVENT, createMagnitudeModel, MAGNITUDE_RULES, type MagnitudeField } from './magnitude.model.ts';
import { strings } from './magnitude.strings.ts';
import { QuantityField } from '../../ui/QuantityField.tsx';
import { useUrlState } from '../../ui/useUrlState.ts';
import './magnitude.css';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';
import { MAGNITUDE_PREFIX } from '../../ui/page-events.ts';

/** Props the static wrapper passes in. */
export interface MagnitudeProps {
  lang: Lang;
}

/** One bar of the log-scale picture; `from` is set for a range (the data's low–high). */
interface Bar {
  key: string;
  label: string;
  bytes: number;
  from?: number;
  url?: string;
  kind: 'reference' | 'model' | 'data';
}

/** The seed's table, live: data size, model size, their ratio, drawn on a log axis. */
function Magnitude({ lang }: MagnitudeProps) {
  const t = strings[lang];
  const model = useMemo(
    () =>
      createMagnitudeModel({
        tokens: formatCount(15e12, lang).replace(' ', ''),
        lo: '3',
        hi: '6',
        params: formatCount(8e9, lang).replace(' ', ''),
      }),
    [],
  );
  const [announce, setAnnounce] = useState('');

  // The URL is read after hydration (the server render has no URL), then kept in sync.
  useUrlState(model);
  useEffect(() => {
    const onMeasured = (e: Event) => {
      const v = (e as CustomEvent<{ bytesPerToken?: unknown }>).detail?.bytesPerToken;
      if (typeof v === 'number') {
        model.useMeasuredBytesPerToken(v);
        setAnnounce(t.measured(formatDecimal(v)));
      }
    };
    window.addEventListener(BYTES_PER_TOKEN_EVENT, onMeasured);
    return () => window.removeEventListener(BYTES_PER_TOKEN_EVENT, onMeasured);
  }, []);

  const parsed = model.parsed.value;
  const r = model.result.value;
  const id = (f: string) => `mag-${f}-${lang}`;
  const field = (name: MagnitudeField, label: string, hint?: string) => (
    <QuantityField
      id={id(name)}
      label={label}
      hint={hint}
      value={model.fields[name].value}
      parsed={parsed[name]}
      minText={formatCount(MAGNITUDE_RULES[name].min, lang)}
      maxText={formatCount(MAGNITUDE_RULES[name].max, lang)}
      lang={lang}
      onInput={(v) => model.setField(name, v)}
    />
  );

  const ratio = r ? t.ratioValue(formatDecimal(r.ratio[0]), formatDecimal(r.ratio[1])) : '';
  const dataText = r
    ? r.dataBytes[0] === r.dataBytes[1]
      ? formatBytes(r.dataBytes[0])
      : `${formatBytes(r.dataBytes[0])} – ${formatBytes(r.dataBytes[1])}`
    : '';

  return (
    <div class="magnitude" data-testid="magnitude">
      <div class="calc-grid">
        {field('tokens', t.tokens, t.tokensHint)}
        {field('lo', t.lo, t.bptHint)}
        {field('hi', t.hi)}
        {field('params', t.params, t.paramsHint)}
        <div class="calc-field">
          <label for={id('format')}>{t.format}</label>
          <select
            id={id('format')}
            class="calc-select"
            value={model.format.value}
            onChange={(e) => model.setFormat(e.currentTarget.value)}
          >
            {(Object.keys(WEIGHT_FORMATS) as WeightFormat[]).map((f) => (
              <option key={f} value={f}>
                {WEIGHT_FORMATS[f].label} · {WEIGHT_FORMATS[f].bits} bit
              </option>
            ))}
          </select>
        </div>
      </div>

      <div class="magnitude-results">
        {r ? (
          <>
            <p data-testid="magnitude-summary" aria-live="polite">
              {t.summary(
                formatCount(parsed.tokens.ok ? parsed.tokens.value : Number.NaN, lang),
                dataText,
                formatCount(parsed.params.ok ? parsed.params.value : Number.NaN, lang),
                formatBytes(r.modelBytes),
                ratio,
              )}
            </p>
            <dl class="magnitude-figures not-content">
              <div>
                <dt>{t.data}</dt>
                <dd data-testid="magnitude-data">{dataText}</dd>
              </div>
              <div>
                <dt>{t.model}</dt>
                <dd data-testid="magnitude-model">{formatBytes(r.modelBytes)}</dd>
              </div>
              <div>
                <dt>{t.ratio}</dt>
                <dd data-testid="magnitude-ratio">{ratio}</dd>
              </div>
              <div>
                <dt>{t.bitsPerToken}</dt>
                <dd>{formatDecimal(r.weightBitsPerToken)}</dd>
              </div>
              {r.capacity.map((c) => (
                <div key={c.bitsPerParameter}>
                  <dt>{t.capacity(String(c.bitsPerParameter))}</dt>
                  <dd>{t.capacityValue(formatBytes(c.bytes), `${formatDecimal(c.shareOfData * 100, 2)}%`)}</dd>
                </div>
              ))}
            </dl>
          </>
        ) : (
          <p class="calc-error" aria-live="polite">{t.fix}</p>
        )}
        <p class="calc-note" aria-live="polite">{announce}</p>
      </div>

      {r && <LogChart lang={lang} bars={bars(r.modelBytes, r.dataBytes, t)} />}
      <p class="calc-note">{t.base}</p>
      <p class="calc-note">{t.capacitySource}</p>
    </div>
  );
}

function bars(modelBytes: number, dataBytes: [number, number], t: (typeof strings)['en']): Bar[] {
  const list: Bar[] = EVERYDAY_SIZES.map((s) => ({ key: s.id, label: t[s.id], bytes: s.bytes, url: s.url, kind: 'reference' }));
  list.push({ key: 'model', label: t.modelBar, bytes: modelBytes, kind: 'model' });
  list.push({ key: 'data', label: t.dataBar, bytes: dataBytes[1], from: dataBytes[0], kind: 'data' });
  return list.sort((a, b) => (a.from ?? a.bytes) - (b.from ?? b.bytes));
}

/** Decimal byte units at every third power of ten, for the axis. */
const TICKS: [number, string][] = [
  [0, 'B'], [3, 'KB'], [6, 'MB'], [9, 'GB'], [12, 'TB'], [15, 'PB'], [18, 'EB'], [21, 'ZB'],
];

/** Horizontal bars whose lengths are log10 of the bytes, so a book and 90 TB fit one picture. */
function LogChart({ lang, bars }: { lang: Lang; bars: Bar[] }) {
  const t = strings[lang];
  const logs = bars.flatMap((b) => [Math.log10(b.bytes), Math.log10(b.from ?? b.bytes)]);
  const min = Math.min(5, Math.floor(Math.min(...logs) / 3) * 3);
  const max = Math.max(15, Math.ceil(Math.max(...logs) / 3) * 3);
  const pos = (bytes: number) => ((Math.log10(bytes) - min) / (max - min)) * 100;
  const ticks = TICKS.filter(([p]) => p >= min && p <= max);
  return (
    <figure class="magnitude-chart not-content">
      <figcaption class="calc-note">{t.chartCaption}</figcaption>
      <table>
        <thead class="sr-only">
          <tr>
            <th scope="col">{t.chartItem}</th>
            <th scope="col">{t.chartSize}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.key} data-kind={b.kind}>
              <th scope="row">{b.url ? <a href={b.url}>{b.label}</a> : b.label}</th>
              <td>
                <span class="magnitude-track" aria-hidden="true">
                  <span class="magnitude-bar" style={{ width: `${pos(b.from ?? b.bytes)}%` }} />
                  {b.from !== undefined && (
                    <span
                      class="magnitude-range"
                      style={{ left: `${pos(b.from)}%`, width: `${Math.max(pos(b.bytes) - pos(b.from), 0.5)}%` }}
                    />
                  )}
                </span>
                <span class="calc-num">
                  {b.from !== undefined && b.from !== b.bytes ? `${formatBytes(b.from)} – ${formatBytes(b.bytes)}` : formatBytes(b.bytes)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="magnitude-axis" aria-hidden="true">
        {ticks.map(([p, unit]) => (
          <span key={unit} style={{ left: `${((p - min) / (max - min)) * 100}%` }}>
            1 {unit}
          </span>
        ))}
      </div>
    </figure>
  );
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(Magnitude, { name: 'Magnitude', urlPrefixes: [MAGNITUDE_PREFIX] });
