import { useEffect, useId, useMemo } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { formatBytes, formatCount, formatInteger } from '../../lib/format/number.ts';
import { BACKEND_ORDER, isSoftwareAdapter, LAB_SIZES, MAX_PARAMS, MAX_TEXT_BYTES, type BackendName, type LabSize } from '../../lib/train/browser-lab-config.ts';
import { createTrainingClient } from '../../workers/training-client.ts';
import { requestGpuAdapter } from '../../engine/gpu.ts';
import { HeatMap } from './HeatMap.tsx';
import { LossCurve } from './LossCurve.tsx';
import { SHELF, type SourceId } from './library.ts';
import { createTrainingLabModel, type TrainingLabModel } from './training-lab.model.ts';
import { strings } from './training-lab.strings.ts';
import './training-lab.css';
import { fetchJson } from '../../lib/fetch-json.ts';
import { corpusManifestSchema } from '../../lib/data/schemas.ts';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';

/** Props the static wrapper passes in. */
export interface TrainingLabProps {
  lang: Lang;
  /** URL of public/corpus/manifest.json. */
  manifestUrl: string;
  /** URL of the built-in model's tokenizer.json, or null when the build has none. */
  tokenizerUrl: string | null;
}

type T = (typeof strings)[Lang];

const BACKEND_LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** True when the browser hands out a WebGPU adapter on a real GPU (the API alone may exist without one). */
async function hasWebGpuAdapter(): Promise<boolean> {
  const adapter = await requestGpuAdapter();
  return !!adapter && !isSoftwareAdapter(adapter);
}


/** Train a tiny GPT-2 on a text in a worker, take the text away, then examine the weights. */
function TrainingLab({ lang, manifestUrl, tokenizerUrl }: TrainingLabProps) {
  const model = useMemo(
    () =>
      createTrainingLabModel({
        lang,
        tokenizerUrl,
        fetchManifest: () => fetchJson(manifestUrl, corpusManifestSchema),
        // The tokenizer module (about 40 KB) loads with the island; TensorFlow.js only in the worker.
        loadTokenizer: (url) => import('../../lib/train/browser-tokenizer.ts').then((m) => m.loadLabTokenizer(url)),
        createClient: () => createTrainingClient(),
        detectWebGpu: hasWebGpuAdapter,
      }),
    [],
  );
  useEffect(() => {
    void model.init();
    return () => void model.reset();
  }, []);
  const t = strings[lang];
  const phase = model.phase.value;

  return (
    <div class="training-lab" data-testid="training-lab" data-phase={phase}>
      <p class="training-lab-note">{t.intro}</p>
      <Library model={model} t={t} lang={lang} />
      <Study model={model} t={t} lang={lang} />
      <Books model={model} t={t} />
      <Exam model={model} t={t} />
      {model.error.value && (
        <p class="training-lab-error" role="alert" data-testid="training-lab-error">
          {errorText(t, model.error.value.code, model.error.value.message)}
        </p>
      )}
      {phase !== 'library' && (
        <button type="button" class="training-lab-reset" onClick={() => void model.reset()}>
          {t.reset}
        </button>
      )}
    </div>
  );
}

function errorText(t: T, code: string, message: string): string {
  switch (code) {
    case 'text-too-short': return t.error_text_too_short;
    case 'no-backend': return t.error_no_backend;
    case 'no-model': return t.error_no_model;
    case 'busy': return t.error_busy;
    case 'empty-prompt': return t.error_empty_prompt;
    default: return `${t.error_failed}${message}`;
  }
}

interface PartProps {
  model: TrainingLabModel;
  t: T;
  lang: Lang;
}

function Library({ model, t }: PartProps) {
  const textId = useId();
  const locked = model.busy.value || model.phase.value === 'forgotten';
  const sourceLabel: Record<SourceId, string> = { seed: t.source_seed, poems: t.source_poems, capitals: t.source_capitals, own: t.source_own };
  const sources: SourceId[] = model.shelfState.value === 'failed' ? ['own'] : [...SHELF, 'own'];
  const tokens = model.tokenCount.value;
  return (
    <section class="training-lab-part" aria-labelledby={`${textId}-h`}>
      <h4 id={`${textId}-h`}>{t.libraryHeading}</h4>
      <fieldset disabled={locked}>
        <legend>{t.sources}</legend>
        {sources.map((id) => (
          <label key={id} class="training-lab-choice">
            <input type="radio" name={`${textId}-source`} value={id} checked={model.source.value === id} onChange={() => model.pickSource(id)} />
            {sourceLabel[id]}
          </label>
        ))}
      </fieldset>
      {model.shelfState.value === 'loading' && <p class="training-lab-note">{t.libraryLoading}</p>}
      {model.shelfState.value === 'failed' && <p class="training-lab-note">{t.libraryFailed}</p>}
      <label for={textId}>{t.textLabel}</label>
      <textarea
        id={textId}
        rows={6}
        value={model.text.value}
        readOnly={locked}
        data-testid="training-lab-text"
        onInput={(e) => model.editText(e.currentTarget.value)}
      />
      <p class="training-lab-stats" data-testid="training-lab-text-stats">
        {tokens === null ? t.tokensPending : t.stats(formatBytes(model.textBytes.value), formatInteger(tokens))}{' '}
        {model.tokenizerKind.value === 'bpe' && t.tokenizerBpe}
        {model.tokenizerKind.value === 'bytes' && t.tokenizerBytes}
      </p>
      {model.wasCapped.value && <p class="training-lab-note">{t.capped(formatBytes(MAX_TEXT_BYTES))}</p>}
    </section>
  );
}

function statusText(model: TrainingLabModel, t: T, lang: Lang): string {
  const info = model.info.value;
  const last = model.losses.value.at(-1);
  switch (model.phase.value) {
    case 'loading': return model.loadingStage.value ? t[`loading_${model.loadingStage.value}`] : '';
    case 'training': return info ? t.started(BACKEND_LABEL[info.backend], formatCount(info.params, lang), String(info.seed)) : '';
    case 'paused': return t.paused(String(last?.step ?? 0));
    case 'trained':
    case 'forgotten': return t.finished(String(last?.step ?? 0), last ? last.loss.toFixed(3) : '—');
    default: return '';
  }
}

function Study({ model, t, lang }: PartProps) {
  const id = useId();
  const phase = model.phase.value;
  const info = model.info.value;
  const points = model.losses.value;
  const last = points.at(-1);
  const params = model.paramsBySize.value;
  const heat = model.heatmap.value;
  const sample = model.sample.value;
  const steps = info?.steps ?? 200;
  const sizeLabel = (s: LabSize) => (s === 'small' ? t.size_small : t.size_standard)(formatCount(params[s], lang));
  const idle = !model.busy.value && phase !== 'forgotten';
  return (
    <section class="training-lab-part" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t.studyHeading}</h4>
      <div class="training-lab-settings">
        <label>
          {t.size}
          <select value={model.size.value} disabled={!idle} onChange={(e) => model.setSize(e.currentTarget.value as LabSize)}>
            {LAB_SIZES.map((s) => <option key={s} value={s}>{sizeLabel(s)}</option>)}
          </select>
        </label>
        <label>
          {t.seed}
          <input type="number" min={0} max={4294967295} step={1} value={model.seed.value} disabled={!idle} aria-describedby={`${id}-seed`}
            onChange={(e) => model.setSeed(Number(e.currentTarget.value))} />
        </label>
        <label>
          {t.backend}
          <select value={model.backend.value} disabled={!idle} onChange={(e) => model.setBackend(e.currentTarget.value as BackendName | 'auto')}>
            <option value="auto">{t.backend_auto}</option>
            {BACKEND_ORDER.map((b) => <option key={b} value={b}>{BACKEND_LABEL[b]}</option>)}
          </select>
        </label>
      </div>
      <p class="training-lab-note" id={`${id}-seed`}>
        {t.seedHelp} {t.caps(formatBytes(MAX_TEXT_BYTES), formatCount(MAX_PARAMS, lang))}
      </p>
      {model.hasWebGpu.value === false && <p class="training-lab-note">{t.noWebGpu}</p>}
      {model.slow.value && <p class="training-lab-note" role="status">{t.slow(model.stepsPerSecond.value.toFixed(2))}</p>}
      <div class="training-lab-buttons">
        <button type="button" onClick={() => void model.start()} disabled={!idle || model.text.value.length === 0}>{t.start}</button>
        {phase === 'paused'
          ? <button type="button" onClick={() => void model.resume()}>{t.resume}</button>
          : <button type="button" onClick={() => void model.pause()} disabled={phase !== 'training'}>{t.pause}</button>}
        <button type="button" onClick={() => void model.stop()} disabled={phase !== 'training' && phase !== 'paused'}>{t.stop}</button>
      </div>
      <p role="status" aria-live="polite" data-testid="training-lab-status">{statusText(model, t, lang)}</p>
      <dl class="training-lab-numbers">
        <div><dt>{t.step}</dt><dd data-testid="training-lab-step">{last ? `${last.step} / ${steps}` : '—'}</dd></div>
        <div><dt>{t.loss}</dt><dd data-testid="training-lab-loss">{last ? last.loss.toFixed(3) : '—'}</dd></div>
        <div><dt>{t.tokensSeen}</dt><dd>{formatInteger(model.tokensSeen.value)}</dd></div>
        <div><dt>{t.stepsPerSecond}</dt><dd data-testid="training-lab-sps">{model.stepsPerSecond.value ? model.stepsPerSecond.value.toFixed(2) : '—'}</dd></div>
        <div><dt>{t.backendUsed}</dt><dd data-testid="training-lab-backend">{info ? BACKEND_LABEL[info.backend] : '—'}</dd></div>
      </dl>
      <LossCurve
        points={points}
        steps={steps}
        label={points.length ? t.curveLabel(points[0]!.loss.toFixed(2), last!.loss.toFixed(2), String(last!.step)) : t.curveEmpty}
        axisStep={t.axisStep}
        axisLoss={t.loss}
      />
      <p class="training-lab-note">{t.lossHint}</p>
      <div class="training-lab-live">
        <div>
          <h5>{t.sampleHeading}</h5>
          <p class="training-lab-sample" data-testid="training-lab-sample">
            {sample ? <><mark>{sample.prompt}</mark>{sample.text}</> : t.samplePending}
          </p>
        </div>
        {heat && (
          <figure>
            <HeatMap rows={heat.rows} cols={heat.cols} values={heat.values} label={t.heatmapLabel(heat.name, String(heat.step))} />
            <figcaption>{t.heatmapHeading(heat.name)}</figcaption>
          </figure>
        )}
      </div>
    </section>
  );
}

function Books({ model, t }: Omit<PartProps, 'lang'>) {
  const id = useId();
  const phase = model.phase.value;
  const info = model.info.value;
  const held = model.held.value;
  const canForget = info !== null && (phase === 'training' || phase === 'paused' || phase === 'trained');
  const largest = info ? Math.max(info.textBytes, info.weightBytes) : 1;
  return (
    <section class="training-lab-part" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t.booksHeading}</h4>
      <p class="training-lab-note">{t.booksIntro}</p>
      <button type="button" onClick={() => void model.forget()} disabled={!canForget}>{t.forget}</button>
      <div aria-live="polite">
        {phase === 'forgotten' && info && held && (
          <div data-testid="training-lab-forgotten">
            <p>{t.forgotten}</p>
            <p data-testid="training-lab-held">{t.heldText(formatInteger(held.textBytes), formatInteger(held.tokens))}</p>
            <table class="training-lab-compare">
              <tbody>
                <tr>
                  <th scope="row">{t.textWas}</th>
                  <td><span class="bar text" style={{ width: `${(100 * info.textBytes) / largest}%` }} aria-hidden="true" />{formatBytes(info.textBytes)} ({formatInteger(info.textBytes)} B)</td>
                </tr>
                <tr>
                  <th scope="row">{t.weightsAre}</th>
                  <td><span class="bar weights" style={{ width: `${(100 * info.weightBytes) / largest}%` }} aria-hidden="true" />{formatBytes(info.weightBytes)} ({formatInteger(info.weightBytes)} B)</td>
                </tr>
              </tbody>
            </table>
            <p class="training-lab-note">{t.compareNote}</p>
          </div>
        )}
      </div>
    </section>
  );
}

function Exam({ model, t }: Omit<PartProps, 'lang'>) {
  const id = useId();
  const ready = model.phase.value === 'forgotten';
  const answer = model.answer.value;
  async function download() {
    const result = await model.weightsFile();
    if (!result) return;
    const url = URL.createObjectURL(new Blob([result.file as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = result.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return (
    <section class="training-lab-part" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t.examHeading}</h4>
      <p class="training-lab-note">{t.examIntro}</p>
      <form
        class="training-lab-exam"
        onSubmit={(e) => {
          e.preventDefault();
          void model.ask();
        }}
      >
        <label>
          {t.prompt}
          <input type="text" value={model.prompt.value} disabled={!ready} onInput={(e) => model.setPrompt(e.currentTarget.value)} />
        </label>
        <fieldset disabled={!ready}>
          <legend>{t.mode}</legend>
          <label class="training-lab-choice">
            <input type="radio" name={`${id}-mode`} checked={model.temperature.value === 0} onChange={() => model.setTemperature(0)} />
            {t.greedy}
          </label>
          <label class="training-lab-choice">
            <input type="radio" name={`${id}-mode`} checked={model.temperature.value === 0.8} onChange={() => model.setTemperature(0.8)} />
            {t.sampled}
          </label>
        </fieldset>
        <button type="submit" disabled={!ready || model.answering.value}>{t.ask}</button>
      </form>
      <div aria-live="polite" data-testid="training-lab-answer">
        {model.answering.value && <p>{t.answering}</p>}
        {answer && !model.answering.value && (
          <p>
            <span class="sr-only">{t.answer}: </span>
            <mark>{answer.prompt}</mark>
            <span data-testid="training-lab-continuation">{answer.continuation}</span>
          </p>
        )}
      </div>
      <button type="button" onClick={() => void download()} disabled={!ready}>{t.download}</button>
      <p class="training-lab-note">{t.downloadNote}</p>
    </section>
  );
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(TrainingLab, { name: 'TrainingLab' });
