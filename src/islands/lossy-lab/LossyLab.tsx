import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { formatBytes, formatDecimal, formatInteger } from '../../lib/format/number.ts';
import { builtInEngine } from '../../engine/page.ts';
import { createLossyLabModel, type LabModel, type LossyLabModel } from './lossy-lab.model.ts';
import { strings } from './lossy-lab.strings.ts';
import './lossy-lab.css';
import { fetchJson } from '../../lib/fetch-json.ts';
import { evalFileSchema, modelIndexSchema } from '../../lib/data/schemas.ts';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';
import { wilson } from '../../lib/stats/proportion.ts';
import { divergenceFindings, recallFindings, regimeOf, type LabFinding, type ModelShare } from './findings.ts';

/** Props the static wrapper passes in. */
export interface LossyLabProps {
  lang: Lang;
  photoUrl: string;
  /** URL of the models folder, ending in "/". */
  modelsUrl: string;
  /** URL of the hand-written training corpus (public/corpus/corpus.txt), read for the divergence. */
  corpusUrl: string;
}

type T = (typeof strings)[Lang];


/** A photo re-encoded as JPEG at the reader's quality, beside the built-in models' size vs recall. */
function LossyLab({ lang, photoUrl, modelsUrl, corpusUrl }: LossyLabProps) {
  const model = useMemo(
    () =>
      createLossyLabModel({
        modelIndex: () => fetchJson(`${modelsUrl}index.json`, modelIndexSchema),
        evalJson: (id) => fetchJson(`${modelsUrl}${id}/eval.json`, evalFileSchema),
        engine: (id) => builtInEngine(id),
        trainingText: async () => {
          const res = await fetch(corpusUrl);
          if (!res.ok) throw new Error(`${corpusUrl}: HTTP ${res.status}`);
          return res.text();
        },
      }),
    [],
  );
  const t = strings[lang];
  return (
    <div class="lossy-lab" data-testid="lossy-lab">
      <PhotoLab model={model} t={t} photoUrl={photoUrl} />
      <ModelsLab model={model} t={t} lang={lang} />
      <p class="lossy-lab-note">{t.lesson}</p>
      <p class="lossy-lab-note">{t.cite}</p>
    </div>
  );
}

function PhotoLab({ model, t, photoUrl }: { model: LossyLabModel; t: T; photoUrl: string }) {
  const [source, setSource] = useState<{ canvas: HTMLCanvasElement; pngBytes: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const [magnify, setMagnify] = useState(false);
  const sliderId = useId();
  const q = model.quality.value;
  const jpeg = model.jpeg.value;

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const blob = await (await fetch(photoUrl)).blob();
      const bitmap = await createImageBitmap(blob);
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
      if (!cancelled) setSource({ canvas, pngBytes: blob.size });
    })().catch(() => setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [photoUrl]);

  useEffect(() => {
    if (!source) return;
    // Wait for the slider to rest briefly: encoding on every input event would queue work.
    const timer = setTimeout(() => {
      model.encoding.value = true;
      source.canvas.toBlob(
        (blob) => {
          model.encoding.value = false;
          if (blob && blob.type === 'image/jpeg') model.acceptJpeg(q, blob);
          else if (!blob || blob.type !== 'image/jpeg') setFailed(true);
        },
        'image/jpeg',
        q,
      );
    }, 60);
    return () => clearTimeout(timer);
  }, [source, q]);

  const raw = source ? source.canvas.width * source.canvas.height * 3 : 0;
  const qLabel = String(Math.round(q * 100));
  return (
    <section aria-label={t.photoTitle}>
      <h4>{t.photoTitle}</h4>
      <label for={sliderId}>
        {t.quality}: <output data-testid="lossy-quality">{qLabel}</output>
      </label>
      <input
        id={sliderId}
        type="range"
        min={1}
        max={100}
        step={1}
        value={Math.round(q * 100)}
        onInput={(e) => model.setQuality(Number(e.currentTarget.value) / 100)}
      />
      <label class="lossy-lab-check">
        <input type="checkbox" checked={magnify} onChange={(e) => setMagnify(e.currentTarget.checked)} /> {t.magnify}
      </label>
      {failed && <p role="alert">{t.noCanvas}</p>}
      <div class={`lossy-lab-photos${magnify ? ' is-magnified' : ''}`}>
        <figure>
          <div class="lossy-lab-frame">
            <img src={photoUrl} alt={t.photoAlt} width={480} height={320} />
          </div>
          <figcaption>
            {t.original}
            {source && <> · {t.pngSize(formatInteger(source.pngBytes))}</>}
          </figcaption>
        </figure>
        <figure>
          <div class="lossy-lab-frame">
            {jpeg ? <img src={jpeg.url} alt={`${t.photoAlt} (${t.jpeg(String(Math.round(jpeg.quality * 100)))})`} width={480} height={320} data-testid="lossy-jpeg" /> : <div class="lossy-lab-placeholder" />}
          </div>
          <figcaption aria-live="polite" data-testid="lossy-jpeg-size" data-bytes={jpeg?.bytes}>
            {jpeg ? (
              <>
                {t.jpeg(String(Math.round(jpeg.quality * 100)))} · {t.jpegSize(formatInteger(jpeg.bytes), `${formatDecimal((jpeg.bytes / raw) * 100, 2)}%`)}
              </>
            ) : (
              t.encoding
            )}
          </figcaption>
        </figure>
      </div>
      {source && <p class="lossy-lab-note">{t.rawSize(formatInteger(raw))}</p>}
      <p class="lossy-lab-note">{t.photoNote}</p>
    </section>
  );
}

function pct(v: number): string {
  return `${formatDecimal(v * 100, 3)}%`;
}

function ModelsLab({ model, t, lang }: { model: LossyLabModel; t: T; lang: Lang }) {
  const list = model.models.value;
  const err = model.modelsError.value;
  const sel = list?.find((m) => m.id === model.selected.value) ?? null;
  const progress = model.divergenceProgress.value;
  return (
    <section aria-label={t.modelsTitle}>
      <h4>{t.modelsTitle}</h4>
      <p class="lossy-lab-note">{t.modelsIntro}</p>
      {!list && !err && <p>{t.loading}</p>}
      {err && <p role="alert">{err}</p>}
      {list && (
        <>
          <ScatterChart models={list} t={t} />
          <div class="lossy-lab-table-wrap" tabIndex={0} role="region" aria-label={t.modelsTitle}>
            <table class="widget-table" data-testid="lossy-models">
              <thead>
                <tr>
                  <th scope="col">{t.model}</th>
                  <th scope="col">{t.precision}</th>
                  <th scope="col">{t.size}</th>
                  <th scope="col">{t.recall}</th>
                  <th scope="col">{t.divergence}</th>
                  <th scope="col">{t.wrong}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((m) => (
                  <tr key={m.id} aria-current={m.id === sel?.id ? 'true' : undefined}>
                    <th scope="row">{m.id}</th>
                    <td>{m.dtype}</td>
                    <td>{formatBytes(m.bytes)}</td>
                    <td>
                      {m.recall ? (
                        <>
                          {pct(m.recall.rate)} ({m.recall.correct}/{m.recall.total})
                          <br />
                          <small class="lossy-lab-ci">
                            <span class="sr-only">{t.intervalLabel}</span>
                            {interval(m.recall.correct, m.recall.total)}
                          </small>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{m.divergence === null ? t.notMeasured : formatDecimal(m.divergence, 3)}</td>
                    <td>
                      <button type="button" aria-label={t.showWrong(m.id)} disabled={!m.recall?.items.length} onClick={() => model.select(m.id)}>
                        {t.show}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="lossy-lab-note">
            {t.divergence}
            {t.divergenceUnit}
          </p>
          <button type="button" onClick={() => void model.measureDivergence()} disabled={model.divergencePhase.value === 'running'}>
            {t.measureDivergence}
          </button>
          <p aria-live="polite" class="lossy-lab-note">
            {progress
              ? t.measuringDivergence(formatInteger(progress.done), formatInteger(progress.total))
              : t.divergenceNote([...model.references.value.values()].map((r) => r.id).join(t.listSep))}
          </p>
          <Findings models={list} t={t} />
          <div aria-live="polite">{sel && <WrongFacts m={sel} t={t} lang={lang} />}</div>
        </>
      )}
    </section>
  );
}

/** A share's 95 % Wilson interval as whole percentages. */
function interval(k: number, n: number): string {
  const w = wilson(k, n);
  return `${Math.round(w.lo * 100)}%–${Math.round(w.hi * 100)}%`;
}

/** The noise note and what recall and divergence support, computed from the numbers on screen. */
function Findings({ models, t }: { models: LabModel[]; t: T }) {
  const recall = recallFindings(models);
  const divergence = divergenceFindings(models);
  const n = [...new Set(models.flatMap((m) => (m.recall ? [m.recall.total] : [])))];
  const list = (steps: ModelShare[]) => steps.map((s) => t.share(s.id, String(s.k), String(s.n))).join(t.listSep);
  const say = (f: LabFinding): string => {
    switch (f.kind) {
      case 'grows':
        return t.findGrows(t.regime(f.regime), list(f.steps));
      case 'flat':
        return t.findFlat(t.regime(f.regime), list(f.steps));
      case 'mixed':
        return t.findMixed(t.regime(f.regime), list(f.steps), f.unclear.map(([a, b]) => t.pair(a.id, b.id)).join(t.listSep));
      case 'precision':
        return t.findPrecision(
          f.models.map((c) => t.copy(c.id, String(c.k), String(c.n))).join(t.listSep),
          f.models.length > 1,
          f.base.id,
          String(f.base.k),
          String(f.base.n),
          f.verdict,
        );
    }
  };
  if (recall.length === 0) return null;
  return (
    <>
      <p class="lossy-lab-note" data-testid="lossy-noise">
        {t.noise(n.length === 1 ? String(n[0]) : n.join('/'))}
      </p>
      <p class="lossy-lab-note">{t.findingsTitle}</p>
      <ul class="lossy-lab-findings" data-testid="lossy-findings">
        {recall.map((f, i) => (
          <li key={`r${i}`} data-kind={f.kind}>
            {say(f)}
          </li>
        ))}
        {divergence.map((d) => (
          <li key={`d${d.regime}`} data-kind={d.shrinks ? 'divergence-shrinks' : 'divergence-not'}>
            {(d.shrinks ? t.findDivShrinks : t.findDivNot)(d.reference, d.steps.map((s) => t.divStep(s.id, formatDecimal(s.divergence, 2))).join(t.listSep))}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Most wrong facts listed; the most repeated ones first, since those the corpus stated most often. */
const MAX_LISTED = 10;

function WrongFacts({ m, t, lang }: { m: LabModel; t: T; lang: Lang }) {
  const items = (m.recall?.items ?? []).filter((i) => i.lang === lang);
  const wrong = items.filter((i) => !i.correct && i.repeats > 0).sort((a, b) => b.repeats - a.repeats);
  const madeUp = items.filter((i) => i.repeats === 0);
  const fact = (w: (typeof items)[number], i: number) => (
    <li key={i}>
      {w.prompt} — {t.expected} <q>{w.expected.trim()}</q>, {t.got} <q>{w.got.trim()}</q>
      {w.repeats > 0 && <> ({t.repeats(String(w.repeats))})</>}
    </li>
  );
  const more = (shown: number, total: number) => (total > shown ? <p class="lossy-lab-note">{t.shownOf(String(shown), String(total))}</p> : null);
  return (
    <div data-testid="lossy-wrong">
      <h5>
        {m.id}: {t.wrong}
      </h5>
      {wrong.length === 0 ? <p>{t.noneWrong}</p> : <ul>{wrong.slice(0, MAX_LISTED).map(fact)}</ul>}
      {more(Math.min(MAX_LISTED, wrong.length), wrong.length)}
      {madeUp.length > 0 && (
        <>
          <h5>{t.heldOut}</h5>
          <ul>{madeUp.slice(0, MAX_LISTED / 2).map(fact)}</ul>
          {more(Math.min(MAX_LISTED / 2, madeUp.length), madeUp.length)}
        </>
      )}
    </div>
  );
}

function ScatterChart({ models, t }: { models: LabModel[]; t: T }) {
  const W = 420;
  const H = 236;
  // Room below the axis for the rich-* labels (their recall sits near 0), then the size labels.
  const pad = { l: 40, r: 16, t: 30, b: 52 };
  const withRecall = models.filter((m) => m.recall && m.bytes > 0);
  if (withRecall.length === 0) return <p class="lossy-lab-note">{t.missing}</p>;
  const lo = Math.log10(Math.min(...withRecall.map((m) => m.bytes)));
  const hi = Math.log10(Math.max(...withRecall.map((m) => m.bytes)));
  const x = (b: number) => pad.l + ((Math.log10(b) - lo) / Math.max(1e-9, hi - lo)) * (W - pad.l - pad.r);
  const y = (r: number) => pad.t + (1 - r) * (H - pad.t - pad.b);
  return (
    <figure class="lossy-lab-figure">
      <svg class="lossy-lab-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t.chartLabel(String(withRecall.length))}>
        <line x1={pad.l} y1={y(0)} x2={W - pad.r} y2={y(0)} />
        <line x1={pad.l} y1={y(0)} x2={pad.l} y2={y(1)} />
        {[0, 0.5, 1].map((r) => (
          <text key={r} x={pad.l - 4} y={y(r) + 4} text-anchor="end">
            {Math.round(r * 100)}%
          </text>
        ))}
        {withRecall.map((m) => {
          const cx = x(m.bytes);
          const w = wilson(m.recall!.correct, m.recall!.total);
          const cy = y(m.recall!.rate);
          const rich = regimeOf(m.id) === 'rich';
          // Neighbours in size alternate between two label heights, within each regime.
          const i = withRecall.filter((o) => regimeOf(o.id) === regimeOf(m.id)).indexOf(m);
          const labelY = rich ? y(0) + 14 + (i % 2) * 11 : y(w.hi) - 6 - (i % 2) * 10;
          return (
            <g key={m.id} class={`lossy-lab-point is-${regimeOf(m.id)}`}>
              <line class="lossy-lab-bar" x1={cx} x2={cx} y1={y(w.lo)} y2={y(w.hi)} />
              {rich ? <rect x={cx - 4} y={cy - 4} width={8} height={8} /> : <circle cx={cx} cy={cy} r={5} />}
              <text x={cx} y={labelY} text-anchor={cx > W * 0.8 ? 'end' : cx < W * 0.2 ? 'start' : 'middle'}>
                {m.id}
              </text>
            </g>
          );
        })}
        <text x={pad.l} y={H - 6}>{formatBytes(10 ** lo)}</text>
        <text x={W - pad.r} y={H - 6} text-anchor="end">
          {formatBytes(10 ** hi)}
        </text>
      </svg>
      <figcaption class="lossy-lab-note">{t.legend}</figcaption>
    </figure>
  );
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(LossyLab, { name: 'LossyLab' });
